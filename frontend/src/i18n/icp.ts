// Texts of ICP-Brasil "Vai a registro" (#19): the template flag, Jurídico's
// reason beside the signers who must use a certificate, the reservation
// page's notice and the simulators' certificate step. Error texts live in
// the errors blocks of legal.ts, sending.ts, dsmap.ts and pt-BR.ts's
// simulator block, beside their neighbours.
export const icpPtBR = {
  flag: 'Vai a registro (exige certificado ICP-Brasil)',
  flagHint:
    'Marque para contratos levados ao cartório de registro de imóveis: titular, cônjuge, associados e incorporadora assinam com certificado ICP-Brasil.',
  flagSaved: 'Modelo marcado como “Vai a registro”.',
  flagCleared: 'Modelo desmarcado: não vai mais a registro.',
  tag: 'Vai a registro',
  reason:
    'Este contrato vai a registro: a Lei 14.063/2020 (art. 5º, §2º, IV) exige assinatura qualificada, com certificado ICP-Brasil, das partes da transferência do imóvel.',
  required: 'Exige certificado ICP-Brasil',
  notChosen: 'Em Autenticação, escolha “Certificado ICP-Brasil” para este assinante.',
  panelNotice: 'Assinatura qualificada (ICP-Brasil): {names}. As partes da transferência assinam com certificado digital.',
  contractTag: 'assinatura qualificada (ICP-Brasil)',
  pickCertificate: 'Escolha o certificado de teste para {name}:',
  certificateOwn: 'Certificado {kind} de {name} (CPF {cpf})',
  certificateOther: 'Certificado {kind} de outra pessoa (CPF {cpf})',
  signWithCertificate: 'Assinar com certificado',
  cancel: 'Cancelar',
  channel: 'Certificado ICP-Brasil',
  extrasOff:
    'Com certificado ICP-Brasil, selfie, biometria facial e assinatura manuscrita ficam desativadas: o certificado já identifica a pessoa e a assinatura é a dele.',
  approvalOff: 'Aprovação desativada: numa transferência que vai a registro, a parte precisa assinar.',
  gapsTitle: 'Ajuste em Jurídico: estes empreendimentos ainda enviariam o contrato com assinatura simples',
  gapRow: '{development}: assinante(s) {rows}',
  gapsHint:
    'Em Empreendimentos → Jurídico → Configurar Assinantes, escolha “Certificado ICP-Brasil” e “Assinatura” para as partes da transferência. Até lá, o envio deste contrato é recusado.',
}

export const icpEnUS: typeof icpPtBR = {
  flag: 'Goes to registry (requires an ICP-Brasil certificate)',
  flagHint:
    'Tick for contracts taken to the property registry: holder, spouse, co-buyers and developer sign with an ICP-Brasil certificate.',
  flagSaved: 'Template marked “Goes to registry”.',
  flagCleared: 'Template unmarked: it no longer goes to registry.',
  tag: 'Goes to registry',
  reason:
    'This contract goes to registry: Lei 14.063/2020 (art. 5, §2, IV) requires a qualified signature, with an ICP-Brasil certificate, from the parties to the property transfer.',
  required: 'Requires an ICP-Brasil certificate',
  notChosen: 'In Authentication, choose “ICP-Brasil certificate” for this signer.',
  panelNotice: 'Qualified signature (ICP-Brasil): {names}. The parties to the transfer sign with a digital certificate.',
  contractTag: 'qualified signature (ICP-Brasil)',
  pickCertificate: 'Pick the test certificate for {name}:',
  certificateOwn: '{kind} certificate of {name} (CPF {cpf})',
  certificateOther: '{kind} certificate of someone else (CPF {cpf})',
  signWithCertificate: 'Sign with certificate',
  cancel: 'Cancel',
  channel: 'ICP-Brasil certificate',
  extrasOff:
    'With an ICP-Brasil certificate, selfie, facial biometrics and handwritten signature are disabled: the certificate already identifies the person and its signature is the signature.',
  approvalOff: 'Approval disabled: in a transfer that goes to registry, the party must sign.',
  gapsTitle: 'Adjust in Legal: these developments would still send the contract with a simple signature',
  gapRow: '{development}: signer(s) {rows}',
  gapsHint:
    'In Developments → Legal → Configure signers, choose “ICP-Brasil certificate” and “Signature” for the parties to the transfer. Until then, sending this contract is refused.',
}
