package docusign

import "strings"

// The JSON shapes of the API (reference §3.2, [OAS] definitions). Every scalar
// is a string on the wire, as the schema says.

type wireEnvelopeDefinition struct {
	Status            string                 `json:"status"`
	EmailSubject      string                 `json:"emailSubject"`
	EmailBlurb        string                 `json:"emailBlurb,omitempty"`
	TransactionID     string                 `json:"transactionId,omitempty"`
	Documents         []wireDocument         `json:"documents"`
	Recipients        wireRecipients         `json:"recipients"`
	Notification      *wireNotification      `json:"notification,omitempty"`
	CustomFields      *wireCustomFields      `json:"customFields,omitempty"`
	EventNotification *wireEventNotification `json:"eventNotification,omitempty"`
}

type wireDocument struct {
	DocumentID     string `json:"documentId"`
	Name           string `json:"name"`
	FileExtension  string `json:"fileExtension"`
	DocumentBase64 string `json:"documentBase64"`
}

type wireRecipients struct {
	Signers             []wireRecipient `json:"signers,omitempty"`
	CertifiedDeliveries []wireRecipient `json:"certifiedDeliveries,omitempty"`
	CarbonCopies        []wireRecipient `json:"carbonCopies,omitempty"`
	CurrentRoutingOrder string          `json:"currentRoutingOrder,omitempty"`
}

type wireRecipient struct {
	RecipientID             string                  `json:"recipientId"`
	RoutingOrder            string                  `json:"routingOrder,omitempty"`
	Name                    string                  `json:"name,omitempty"`
	Email                   string                  `json:"email,omitempty"`
	RoleName                string                  `json:"roleName,omitempty"`
	Note                    string                  `json:"note,omitempty"`
	EmailNotification       *wireEmailNotification  `json:"emailNotification,omitempty"`
	Tabs                    *wireTabs               `json:"tabs,omitempty"`
	DeliveryMethod          string                  `json:"deliveryMethod,omitempty"`
	PhoneNumber             *wirePhone              `json:"phoneNumber,omitempty"`
	AdditionalNotifications []wireAdditionalNotifer `json:"additionalNotifications,omitempty"`
	Status                  string                  `json:"status,omitempty"`
	SentDateTime            string                  `json:"sentDateTime,omitempty"`
	DeliveredDateTime       string                  `json:"deliveredDateTime,omitempty"`
	SignedDateTime          string                  `json:"signedDateTime,omitempty"`
	DeclinedDateTime        string                  `json:"declinedDateTime,omitempty"`
	DeclinedReason          string                  `json:"declinedReason,omitempty"`

	IdentityVerification          *wireIdentityVerification `json:"identityVerification,omitempty"`
	IDCheckConfigurationName      string                    `json:"idCheckConfigurationName,omitempty"`
	SMSAuthentication             *wireSMSAuthentication    `json:"smsAuthentication,omitempty"`
	RequireIDLookup               string                    `json:"requireIdLookup,omitempty"`
	SignInEachLocation            string                    `json:"signInEachLocation,omitempty"`
	RecipientAuthenticationStatus *wireAuthStatus           `json:"recipientAuthenticationStatus,omitempty"`
	RecipientSignatureProviders   []wireSignatureProvider   `json:"recipientSignatureProviders,omitempty"`
}

type wireSignatureProvider struct {
	SignatureProviderName    string                        `json:"signatureProviderName"`
	SignatureProviderOptions *wireSignatureProviderOptions `json:"signatureProviderOptions,omitempty"`
}

type wireSignatureProviderOptions struct {
	CPFNumber  string `json:"cpfNumber,omitempty"`
	SignerRole string `json:"signerRole,omitempty"`
}

type wireIdentityVerification struct {
	WorkflowID   string              `json:"workflowId"`
	InputOptions []wireIdentityInput `json:"inputOptions,omitempty"`
}

type wireIdentityInput struct {
	Name            string              `json:"name"`
	ValueType       string              `json:"valueType"`
	PhoneNumberList []wireIdentityPhone `json:"phoneNumberList"`
}

type wireIdentityPhone struct {
	CountryCode string `json:"countryCode"`
	Number      string `json:"number"`
}

type wireSMSAuthentication struct {
	SenderProvidedNumbers []string `json:"senderProvidedNumbers"`
}

type wireEventResult struct {
	Status         string `json:"status"`
	EventTimestamp string `json:"eventTimestamp"`
}

type wireAuthStatus struct {
	IdentityVerificationResult *wireEventResult `json:"identityVerificationResult"`
	PhoneAuthResult            *wireEventResult `json:"phoneAuthResult"`
	SMSAuthResult              *wireEventResult `json:"smsAuthResult"`
}

// phone is the phone check's result, whichever way it was asked.
func (a *wireAuthStatus) phone() string {
	for _, r := range []*wireEventResult{a.PhoneAuthResult, a.SMSAuthResult} {
		if r != nil && r.Status != "" {
			return strings.ToLower(r.Status)
		}
	}
	return ""
}

type wireIdentityWorkflows struct {
	IdentityVerification []struct {
		WorkflowID         string `json:"workflowId"`
		DefaultName        string `json:"defaultName"`
		DefaultDescription string `json:"defaultDescription"`
	} `json:"identityVerification"`
}

type wireEmailNotification struct {
	SupportedLanguage string `json:"supportedLanguage"`
}

type wireTabs struct {
	SignHereTabs []wireSignHere `json:"signHereTabs"`
}

type wireSignHere struct {
	DocumentID string `json:"documentId"`
	PageNumber string `json:"pageNumber"`
	XPosition  string `json:"xPosition"`
	YPosition  string `json:"yPosition"`
}

type wirePhone struct {
	CountryCode string `json:"countryCode"`
	Number      string `json:"number"`
}

type wireAdditionalNotifer struct {
	SecondaryDeliveryMethod string     `json:"secondaryDeliveryMethod"`
	PhoneNumber             *wirePhone `json:"phoneNumber"`
}

type wireNotification struct {
	UseAccountDefaults string          `json:"useAccountDefaults"`
	Reminders          wireReminders   `json:"reminders"`
	Expirations        wireExpirations `json:"expirations"`
}

type wireReminders struct {
	ReminderEnabled   string `json:"reminderEnabled"`
	ReminderDelay     string `json:"reminderDelay,omitempty"`
	ReminderFrequency string `json:"reminderFrequency,omitempty"`
}

type wireExpirations struct {
	ExpireEnabled string `json:"expireEnabled"`
	ExpireAfter   string `json:"expireAfter"`
	ExpireWarn    string `json:"expireWarn"`
}

type wireCustomFields struct {
	TextCustomFields []wireTextCustomField `json:"textCustomFields"`
}

type wireTextCustomField struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Show  string `json:"show,omitempty"`
}

type wireEventNotification struct {
	URL                  string          `json:"url"`
	IncludeHMAC          string          `json:"includeHMAC"`
	RequireAcknowledgmen string          `json:"requireAcknowledgment"`
	LoggingEnabled       string          `json:"loggingEnabled"`
	DeliveryMode         string          `json:"deliveryMode"`
	Events               []string        `json:"events"`
	EventData            wireConnectData `json:"eventData"`
}

type wireConnectData struct {
	Version     string   `json:"version"`
	Format      string   `json:"format"`
	IncludeData []string `json:"includeData"`
}

type wireEnvelopeSummary struct {
	EnvelopeID     string `json:"envelopeId"`
	Status         string `json:"status"`
	StatusDateTime string `json:"statusDateTime"`
	URI            string `json:"uri"`
}

type wireEnvelope struct {
	EnvelopeID            string            `json:"envelopeId"`
	Status                string            `json:"status"`
	EmailSubject          string            `json:"emailSubject"`
	TransactionID         string            `json:"transactionId"`
	CreatedDateTime       string            `json:"createdDateTime"`
	SentDateTime          string            `json:"sentDateTime"`
	StatusChangedDateTime string            `json:"statusChangedDateTime"`
	CompletedDateTime     string            `json:"completedDateTime"`
	DeclinedDateTime      string            `json:"declinedDateTime"`
	VoidedDateTime        string            `json:"voidedDateTime"`
	VoidedReason          string            `json:"voidedReason"`
	ExpireDateTime        string            `json:"expireDateTime"`
	Recipients            *wireRecipients   `json:"recipients"`
	CustomFields          *wireCustomFields `json:"customFields"`
}

type wireEnvelopesInformation struct {
	Envelopes           []wireEnvelope `json:"envelopes"`
	ResultSetSize       string         `json:"resultSetSize"`
	TotalSetSize        string         `json:"totalSetSize"`
	StartPosition       string         `json:"startPosition"`
	EndPosition         string         `json:"endPosition"`
	LastQueriedDateTime string         `json:"lastQueriedDateTime"`
}

type wireUpdateSummary struct {
	RecipientUpdateResults []struct {
		RecipientID  string `json:"recipientId"`
		ErrorDetails *struct {
			ErrorCode string `json:"errorCode"`
			Message   string `json:"message"`
		} `json:"errorDetails"`
	} `json:"recipientUpdateResults"`
}
