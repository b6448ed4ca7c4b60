// Texts of the DocuSign sign-in through the browser (backend/docusign/oauth
// error codes, errors.docusign.*). pt-BR.ts and en-US.ts spread them into
// their errors.docusign block, beside whatever else DocuSign says.
export const dsloginPtBR = {
  errors: {
    docusign: {
      login_in_progress:
        'Já há uma entrada na DocuSign aberta no navegador. Conclua-a ou cancele-a antes de começar outra.',
      login_timeout:
        'O navegador não voltou ao Selo em {minutes} min (a aba foi fechada?). Nada foi gravado. Clique em “Entrar de novo”.',
      login_canceled: 'Entrada na DocuSign cancelada. Nada foi gravado.',
      login_denied:
        'O acesso do Selo foi recusado na página da DocuSign. Nada foi gravado. Para conectar, clique em “Entrar de novo” e permita o acesso.',
      login_state_mismatch:
        'O retorno do navegador não era desta entrada na DocuSign (talvez uma aba antiga). Por segurança, nada foi gravado. Clique em “Entrar de novo”.',
      login_failed:
        'A DocuSign não concluiu a entrada (erro “{error}”). Nada foi gravado. Clique em “Entrar de novo”; se continuar, envie a pasta de registros ao suporte.',
      login_ports_busy:
        'Outro programa está usando as portas {ports} deste computador, que o Selo usa para receber o retorno da DocuSign. Feche-o e tente de novo.',
      browser_failed:
        'Não foi possível abrir o navegador deste computador. Verifique se há um navegador padrão e tente de novo.',
      no_account:
        'Este usuário da DocuSign não tem uma conta de assinatura eletrônica que o Selo possa usar. Entre com outro usuário ou peça acesso a quem administra a conta.',
      unreachable:
        'Sem conexão com a DocuSign ou tempo esgotado. Verifique a internet deste computador e tente de novo.',
      service_error: 'A DocuSign respondeu com erro (HTTP {status}, {error}). Tente de novo em alguns minutos.',
    },
  },
  // errors.integration.login_required, spread into pt-BR.ts's integration block.
  loginRequired:
    'A DocuSign não aceita mais o acesso desta chave neste computador (a permissão foi revogada, expirou ou nunca foi dada aqui). Clique em “Entrar de novo” para conectar.',
}

export const dsloginEnUS: typeof dsloginPtBR = {
  errors: {
    docusign: {
      login_in_progress:
        'A DocuSign sign-in is already open in the browser. Finish or cancel it before starting another.',
      login_timeout:
        'The browser did not come back to Selo within {minutes} min (was the tab closed?). Nothing was saved. Click “Sign in again”.',
      login_canceled: 'DocuSign sign-in cancelled. Nothing was saved.',
      login_denied:
        'Selo’s access was declined on DocuSign’s page. Nothing was saved. To connect, click “Sign in again” and allow access.',
      login_state_mismatch:
        'The browser’s return did not belong to this DocuSign sign-in (an old tab?). For safety nothing was saved. Click “Sign in again”.',
      login_failed:
        'DocuSign did not complete the sign-in (error “{error}”). Nothing was saved. Click “Sign in again”; if it persists, send the logs folder to support.',
      login_ports_busy:
        'Another program is using ports {ports} of this computer, which Selo uses to receive DocuSign’s return. Close it and try again.',
      browser_failed: 'The browser of this computer could not be opened. Check that there is a default browser and try again.',
      no_account:
        'This DocuSign user has no eSignature account Selo can use. Sign in with another user or ask the account’s administrator for access.',
      unreachable: 'No connection to DocuSign, or it timed out. Check this computer’s internet and try again.',
      service_error: 'DocuSign answered with an error (HTTP {status}, {error}). Try again in a few minutes.',
    },
  },
  loginRequired:
    'DocuSign no longer accepts this key’s access on this computer (the permission was revoked, expired or never given here). Click “Sign in again” to connect.',
}
