export namespace app {
	
	export enum Event {
	    CallRejected = "call:rejected",
	    DataChanged = "data:changed",
	    DocuSignLogin = "docusign:login",
	    EnvelopeChanged = "envelope:changed",
	    EnvelopeFailed = "envelope:failed",
	    EnvelopeProgress = "envelope:progress",
	    EnvelopeSent = "envelope:sent",
	    LeadNew = "lead:new",
	    OfficeConnection = "office:connection",
	    OfficeCopy = "office:copy",
	    WindowPainted = "window:painted",
	}
	export interface ErrorPayload {
	    code: string;
	    field?: string;
	    data?: Record<string, any>;
	    problems?: ErrorPayload[];
	}
	export interface SystemInfo {
	    version: string;
	    dataDir: string;
	    logsDir: string;
	    databasePath: string;
	    schemaVersion: number;
	    platform: string;
	    startupError?: ErrorPayload;
	    startupWarnings?: ErrorPayload[];
	    officeHost?: string;
	    officePort?: number;
	    officeDatabase?: string;
	}
	export interface UpdateInfo {
	    feedUrl: string;
	    result?: updates.Result;
	}
	export interface UploadTarget {
	    url: string;
	    filesUrl: string;
	    secret: string;
	    maxBytes: number;
	}

}

export namespace board {
	
	export interface Counts {
	    em_andamento: number;
	    finalizado: number;
	    cancelado: number;
	    vencido: number;
	    recusado: number;
	    total: number;
	}
	export interface Filter {
	    developmentId: number;
	    brokerId: number;
	    from: string;
	    to: string;
	}
	export interface MissingSigner {
	    name: string;
	    waiting: boolean;
	    since: string;
	}
	export interface Option {
	    id: number;
	    name: string;
	}
	export interface Options {
	    developments: Option[];
	    brokers: Option[];
	}
	export interface Refusal {
	    signerName: string;
	    reason: string;
	    at: string;
	}
	export interface Row {
	    envelopeId: string;
	    reservationId: number;
	    clientName: string;
	    developmentName: string;
	    blockName: string;
	    unitNumber: string;
	    brokerName: string;
	    envelopeName: string;
	    state: string;
	    sentAt: string;
	    deadlineAt: string;
	    daysLeft: number;
	    missing: MissingSigner[];
	    refusal?: Refusal;
	}
	export interface Summary {
	    counts: Counts;
	    any: boolean;
	    waiting: Row[];
	    expiringSoon: Row[];
	    refusals: Row[];
	    at: string;
	}

}

export namespace crm {
	
	export enum ChangeArea {
	    Envelopes = "envelopes",
	    Leads = "leads",
	    Reservations = "reservations",
	}
	export interface Actor {
	    userId: number;
	    name: string;
	}
	export interface Associate {
	    kind: string;
	    name: string;
	    cpf: string;
	    email: string;
	    phone1: string;
	    phone2: string;
	    birthDate: string;
	    address: string;
	}
	export interface Unit {
	    id: number;
	    blockId: number;
	    number: string;
	    floor: number;
	    areaCm2: number;
	    priceCents: number;
	    status: string;
	}
	export interface Block {
	    id: number;
	    name: string;
	    units: Unit[];
	}
	export interface Broker {
	    id: number;
	    name: string;
	    role: string;
	}
	export interface BulkUnitsInput {
	    blockId: number;
	    floorFrom: string;
	    floorTo: string;
	    unitsPerFloor: string;
	    area: string;
	    price: string;
	}
	export interface Contract {
	    id: number;
	    reservationId: number;
	    kind: string;
	    associationId: number;
	    templateId: number;
	    name: string;
	    fileName: string;
	    pages: number;
	    size: number;
	    sha256: string;
	    position: number;
	    state: string;
	    endedEnvelopeId: string;
	    endedAs: string;
	    sentAgain: boolean;
	    createdAt: string;
	}
	export interface TemplateField {
	    name: string;
	    type: string;
	    page: number;
	    mark: string;
	    dataKey: string;
	}
	export interface ContractTemplate {
	    id: number;
	    name: string;
	    fileName: string;
	    pages: number;
	    size: number;
	    sha256: string;
	    fields: TemplateField[];
	    markCount: number;
	    markAnnotations: number;
	    matchedCount: number;
	    signed: boolean;
	    registry: boolean;
	    usedBy: string[];
	    createdAt: string;
	    updatedAt: string;
	    version: number;
	    updatedByName: string;
	}
	export interface DataKey {
	    key: string;
	    label: string;
	    group: string;
	    aliases: string[];
	}
	export interface Stage {
	    id: number;
	    name: string;
	    blocks: Block[];
	}
	export interface Development {
	    id: number;
	    name: string;
	    city: string;
	    state: string;
	    integrated: boolean;
	    provider: string;
	    integrationId: number;
	    integrationName: string;
	    archived: boolean;
	    stages: Stage[];
	    unitCounts: Record<string, number>;
	    createdAt: string;
	    version: number;
	    updatedByName: string;
	}
	export interface DevelopmentInput {
	    id: number;
	    name: string;
	    city: string;
	    state: string;
	    version: number;
	}
	export interface DevelopmentSettings {
	    id: number;
	    integrated: boolean;
	    integrationId: number;
	}
	export interface TimelineEntry {
	    name: string;
	    signer: string;
	    reason: string;
	    at: string;
	}
	export interface SignerView {
	    id: string;
	    name: string;
	    position: number;
	    group: number;
	    state: string;
	    types: string[];
	    delivery: string;
	    auth: string;
	    at: string;
	    reason: string;
	}
	export interface EnvelopeView {
	    id: string;
	    reservationId: number;
	    operationId: number;
	    name: string;
	    status: string;
	    state: string;
	    contractIds: number[];
	    deadlineAt: string;
	    daysLeft: number;
	    simulator: boolean;
	    provider: string;
	    missing: boolean;
	    hasSigned: boolean;
	    syncedAt: string;
	    sentByName: string;
	    signers: SignerView[];
	    timeline: TimelineEntry[];
	}
	export interface Integration {
	    id: number;
	    description: string;
	    provider: string;
	    environment: string;
	    tokenLast4: string;
	    hasToken: boolean;
	    deadlineDays: number;
	    createdAt: string;
	    updatedAt: string;
	    usedBy: string[];
	    tokenHere: string;
	    docuSignAccountId: string;
	    docuSignAccountName: string;
	    docuSignBaseUri: string;
	}
	export interface IntegrationInput {
	    id: number;
	    description: string;
	    provider: string;
	    environment: string;
	    token: string;
	    deadlineDays: string;
	}
	export interface Person {
	    name: string;
	    cpf: string;
	    email: string;
	    phone1: string;
	    phone2: string;
	    birthDate: string;
	    address: string;
	}
	export interface Reservation {
	    id: number;
	    unitId: number;
	    unitNumber: string;
	    blockName: string;
	    stageName: string;
	    developmentId: number;
	    developmentName: string;
	    brokerId: number;
	    brokerName: string;
	    priceCents: number;
	    status: string;
	    holder: Person;
	    associates: Associate[];
	    createdAt: string;
	    updatedAt: string;
	    createdByName: string;
	    updatedByName: string;
	    version: number;
	}
	export interface ReservationFilter {
	    developmentId: number;
	    status: string;
	    brokerId: number;
	    search: string;
	    limit: number;
	    offset: number;
	}
	export interface ReservationInput {
	    id: number;
	    unitId: number;
	    brokerId: number;
	    price: string;
	    status: string;
	    holder: Person;
	    associates: Associate[];
	    version: number;
	}
	export interface ReservationSummary {
	    id: number;
	    developmentName: string;
	    blockName: string;
	    unitNumber: string;
	    holderName: string;
	    holderCpf: string;
	    brokerName: string;
	    priceCents: number;
	    status: string;
	    createdAt: string;
	}
	export interface ReservationPage {
	    items: ReservationSummary[];
	    total: number;
	}
	
	export interface ResolvedSigner {
	    key: string;
	    sendOrder: number;
	    signerType: string;
	    name: string;
	    email: string;
	    phone: string;
	    cpf: string;
	    evidence: string;
	    signatureKind: string;
	    delivery: string;
	    reminder: string;
	    auth: string;
	    types: string[];
	}
	export interface SignerRule {
	    sendOrder: number;
	    signerType: string;
	    name: string;
	    email: string;
	    phone: string;
	    cpf: string;
	    evidence: string;
	    signatureKind: string;
	    delivery: string;
	    reminder: string;
	    auth: string;
	}
	
	
	
	
	
	export interface UnitInput {
	    id: number;
	    blockId: number;
	    number: string;
	    floor: string;
	    area: string;
	    price: string;
	    status: string;
	}
	export interface UnitOption {
	    id: number;
	    number: string;
	    floor: number;
	    blockName: string;
	    stageName: string;
	    priceCents: number;
	}
	export interface User {
	    id: number;
	    name: string;
	    email: string;
	    role: string;
	    active: boolean;
	    activeTokens: number;
	    createdAt: string;
	    updatedAt: string;
	    deactivatedAt?: string;
	    updatedByName: string;
	    version: number;
	}
	export interface UserInput {
	    id: number;
	    name: string;
	    email: string;
	    role: string;
	    version: number;
	}
	export interface UserToken {
	    id: number;
	    userId: number;
	    name: string;
	    last4: string;
	    active: boolean;
	    createdAt: string;
	    revokedAt?: string;
	}

}

export namespace demo {
	
	export interface Status {
	    loaded: boolean;
	    canLoad: boolean;
	    canRemove: boolean;
	    blocked: string;
	    data: Record<string, any>;
	}
	export interface Step {
	    key: string;
	    done: boolean;
	    developmentId: number;
	}

}

export namespace integrations {
	
	export interface Account {
	    id: string;
	    name: string;
	    baseUri: string;
	    isDefault: boolean;
	}
	export interface LoginResult {
	    key: crm.Integration;
	    userName: string;
	    accounts: Account[];
	    chosen: boolean;
	}

}

export namespace leads {
	
	export interface Attribution {
	    utmSource: string;
	    utmMedium: string;
	    utmCampaign: string;
	    utmContent: string;
	    utmTerm: string;
	    pageUrl: string;
	    pageTitle: string;
	}
	export interface Contact {
	    email: string;
	    phone: string;
	}
	export interface Message {
	    id: number;
	    chatId: string;
	    at: string;
	    author: string;
	    agentName: string;
	    text: string;
	}
	export interface Geo {
	    city: string;
	    region: string;
	    regionCode: string;
	    country: string;
	    countryCode: string;
	}
	export interface Detail {
	    id: string;
	    name: string;
	    email: string;
	    phone: string;
	    stage: string;
	    origin: string;
	    agentName: string;
	    hasContact: boolean;
	    createdAt: string;
	    lastActivityAt: string;
	    lastMessage: string;
	    lastMessageAuthor: string;
	    lastMessageAt?: string;
	    messageCount: number;
	    visitorId: string;
	    clientId: string;
	    widgetId: string;
	    department: string;
	    organization: string;
	    clientStatus: string;
	    tags: string[];
	    attribution: Attribution;
	    geo: Geo;
	    updatedAt: string;
	    messages: Message[];
	}
	export interface Filter {
	    search: string;
	    stage: string;
	    origin: string;
	    withoutContact: boolean;
	    limit: number;
	    offset: number;
	}
	
	export interface IntegrationConfig {
	    userId: number;
	    tokenId: number;
	    publicBaseUrl: string;
	    listenHost: string;
	    listenPort: number;
	    configured: boolean;
	}
	export interface IntegrationURL {
	    publicUrl: string;
	    localUrl: string;
	    userId: number;
	    userName: string;
	    tokenId: number;
	    tokenName: string;
	    tokenLast4: string;
	}
	export interface ListenerStatus {
	    configured: boolean;
	    running: boolean;
	    address: string;
	    startedAt?: string;
	    lastEventAt?: string;
	    eventsAccepted: number;
	    eventsRejected: number;
	    rawEvents: number;
	    leads: number;
	    problem?: string;
	}
	
	export interface Summary {
	    id: string;
	    name: string;
	    email: string;
	    phone: string;
	    stage: string;
	    origin: string;
	    agentName: string;
	    hasContact: boolean;
	    createdAt: string;
	    lastActivityAt: string;
	    lastMessage: string;
	    lastMessageAuthor: string;
	    lastMessageAt?: string;
	    messageCount: number;
	}
	export interface Page {
	    items: Summary[];
	    total: number;
	    limit: number;
	    offset: number;
	}

}

export namespace legal {
	
	export interface RulePreview {
	    compromises: signing.Compromise[];
	}
	export interface ScopeItem {
	    id: number;
	    label: string;
	}
	export interface Association {
	    id: number;
	    developmentId: number;
	    templateId: number;
	    templateName: string;
	    registry: boolean;
	    scope: string;
	    scopeItems: ScopeItem[];
	    position: number;
	    rules: crm.SignerRule[];
	    previews: RulePreview[];
	    version: number;
	    updatedByName: string;
	}
	export interface DocuSignPreview {
	    rules: RulePreview[];
	    problems: signing.Problem[];
	}
	export interface RegistryGap {
	    developmentId: number;
	    developmentName: string;
	    associationId: number;
	    rows: number[];
	}
	
	
	export interface Template {
	    id: number;
	    name: string;
	    registry: boolean;
	}

}

export namespace office {
	
	export interface TableCount {
	    table: string;
	    rows: number;
	}
	export interface CopyResult {
	    tables: TableCount[];
	    diskFiles: number;
	}
	export interface ProbeResult {
	    serverVersion: string;
	    empty: boolean;
	    schemaVersion: number;
	    hasData: boolean;
	}
	export interface Settings {
	    mode: string;
	    host: string;
	    port: number;
	    database: string;
	    user: string;
	    tls: string;
	    caFile: string;
	}
	
	export interface View {
	    settings: Settings;
	    hasPassword: boolean;
	}
	export interface WhoView {
	    office: boolean;
	    actor: crm.Actor;
	    ask: boolean;
	    users: crm.User[];
	}

}

export namespace officeserver {
	
	export interface Status {
	    known: boolean;
	    publicUrl: string;
	    hostName: string;
	    version: string;
	    running: boolean;
	    answering: boolean;
	    silentSince?: string;
	    checkedAt: string;
	}

}

export namespace privacy {
	
	export interface Field {
	    name: string;
	    value: string;
	}
	export interface Key {
	    kind: string;
	    value: string;
	    country?: string;
	}
	export interface LogEntry {
	    id: number;
	    at: string;
	    userId: number;
	    userName: string;
	    host: string;
	    action: string;
	    subject: string;
	    counts: Record<string, number>;
	}
	export interface Message {
	    at: string;
	    author: string;
	    text: string;
	}
	export interface Place {
	    kind: string;
	    table: string;
	    rowId: string;
	    title: string;
	    reservationId: number;
	    leadId: string;
	    envelopeId: string;
	    signed: boolean;
	    envelopeState: string;
	    regenerable: boolean;
	    fields: Field[];
	    messages?: Message[];
	    action: string;
	    reason: string;
	}
	export interface Outcome {
	    key: Key;
	    masked: string;
	    generatedAt: string;
	    places: Place[];
	    anonymised: number;
	    deleted: number;
	    kept: Place[];
	}
	
	export interface Report {
	    key: Key;
	    masked: string;
	    generatedAt: string;
	    places: Place[];
	}
	export interface RetentionRun {
	    months: number;
	    ran: boolean;
	    removed: number;
	    deliveries: number;
	}

}

export namespace signing {
	
	export interface Compromise {
	    code: string;
	    message: string;
	}
	export interface DocuSignConnectStatus {
	    integrationId: number;
	    enabled: boolean;
	    path: string;
	    publicUrl: string;
	    connectUrl: string;
	    localUrl: string;
	    listenerRunning: boolean;
	}
	export interface Problem {
	    code: string;
	    field?: string;
	    data?: Record<string, any>;
	}
	export interface ResendResult {
	    notified: string[];
	}
	export interface SendSigner {
	    position: number;
	    signer: crm.ResolvedSigner;
	    signerId: string;
	    attempted: boolean;
	}
	export interface SendOperation {
	    id: number;
	    key: string;
	    reservationId: number;
	    integrationId: number;
	    contractIds: number[];
	    name: string;
	    remoteName: string;
	    filename: string;
	    status: string;
	    step: string;
	    envelopeId: string;
	    documentId: string;
	    deadlineAt: string;
	    errorCode: string;
	    errorData: Record<string, any>;
	    signers: SendSigner[];
	    createdAt: string;
	    updatedAt: string;
	    done: number;
	    total: number;
	}
	
	export interface WebhookStatus {
	    integrationId: number;
	    environment: string;
	    enabled: boolean;
	    mode: string;
	    endpoint: string;
	    path: string;
	    localUrl: string;
	    listenerRunning: boolean;
	    enabledAt?: string;
	    lastDeliveryAt?: string;
	    problem?: string;
	    remoteLeft?: boolean;
	}

}

export namespace simulator {
	
	export interface SignerView {
	    id: string;
	    name: string;
	    group: number;
	    state: string;
	    refusable: boolean;
	    signedAt?: string;
	    refusalReason?: string;
	    certificate: boolean;
	}
	export interface EnvelopeView {
	    id: string;
	    name: string;
	    status: string;
	    deadlineAt: string;
	    created: string;
	    signers: SignerView[];
	}

}

export namespace templates {
	
	export interface Staged {
	    id: string;
	    fileName: string;
	    size: number;
	}

}

export namespace training {
	
	export interface DocuSignSigner {
	    id: string;
	    name: string;
	    group: number;
	    state: string;
	    signedAt?: string;
	    refusalReason?: string;
	    certificate: boolean;
	}
	export interface DocuSignEnvelope {
	    id: string;
	    name: string;
	    status: string;
	    deadlineAt: string;
	    created: string;
	    signers: DocuSignSigner[];
	}
	
	export interface TestCertificate {
	    id: string;
	    kind: string;
	    holder: string;
	    cpf: string;
	}

}

export namespace updates {
	
	export interface Result {
	    available: boolean;
	    current: string;
	    latest: string;
	    date: string;
	    url: string;
	    sha256: string;
	    notes: string;
	}

}

export namespace users {
	
	export interface GeneratedToken {
	    token: crm.UserToken;
	    plain: string;
	}

}

