// Texts of the masked fields (lib/masks.ts): said under a field as soon as
// a value is complete and wrong, or when the user leaves it unfinished.
// {field} is the field's label, so the message names it. pt-BR.ts and
// en-US.ts put this module under `masks`.
export const masksPtBR = {
  invalid: {
    cpf: '{field} inválido: confira os dígitos.',
    cpfCnpj: '{field} inválido: confira os dígitos do CPF ou do CNPJ.',
    phone: '{field} inválido: informe DDD e número, como (11) 98765-4321 ou (11) 3456-7890.',
    phoneIntl: '{field} inválido: informe DDD e número, como (11) 98765-4321; de fora do Brasil, comece com + e o código do país.',
    // Go's words for the same refusal (errors.signer.phone_invalid), with why.
    mobile: '{field} inválido: informe um celular brasileiro com DDD, como (11) 98765-4321; SMS e WhatsApp não chegam a um telefone fixo.',
    cep: '{field} inválido: confira os 8 dígitos, como 12345-678.',
    money: '{field}: informe um valor em reais, como 450.000,00.',
    area: '{field}: informe a área em m², como 65,40.',
    date: '{field} inválida: use dd/mm/aaaa, com um dia que exista.',
    // phoneIntl written with "+" and a country code other than 55.
    phoneForeign: '{field} inválido: um número de fora do Brasil tem + código do país e até 15 dígitos, como +351912345678.',
  },
  incomplete: {
    cpf: '{field} incompleto: o CPF tem 11 dígitos.',
    cpfCnpj: '{field} incompleto: o CPF tem 11 dígitos e o CNPJ, 14.',
    phone: '{field} incompleto: informe DDD e número, como (11) 98765-4321.',
    phoneIntl: '{field} incompleto: informe DDD e número, como (11) 98765-4321.',
    mobile: '{field} incompleto: informe o DDD e os 9 dígitos do celular, como (11) 98765-4321.',
    cep: '{field} incompleto: o CEP tem 8 dígitos.',
    money: '{field}: informe um valor em reais, como 450.000,00.',
    area: '{field}: informe a área em m², como 65,40.',
    date: '{field} incompleta: use dd/mm/aaaa.',
    phoneForeign: '{field} incompleto: de fora do Brasil, informe + código do país e o número inteiro, como +351912345678.',
  },
  future: '{field} no futuro: informe uma data que já passou.',
  // The calendar takes only a whole, real day: what it threw away on leaving.
  dropped: {
    date: '{field}: “{text}” não foi aceita e o campo voltou ao que era; digite dd/mm/aaaa com um dia que exista.',
  },
  datePlaceholder: 'dd/mm/aaaa',
}

export const masksEnUS: typeof masksPtBR = {
  invalid: {
    cpf: 'Invalid {field}: check the digits.',
    cpfCnpj: 'Invalid {field}: check the digits of the CPF or CNPJ.',
    phone: 'Invalid {field}: enter area code and number, e.g. (11) 98765-4321 or (11) 3456-7890.',
    phoneIntl: 'Invalid {field}: enter area code and number, e.g. (11) 98765-4321; outside Brazil, start with + and the country code.',
    mobile: 'Invalid {field}: enter a Brazilian mobile with area code, e.g. (11) 98765-4321; SMS and WhatsApp do not reach a landline.',
    cep: 'Invalid {field}: check the 8 digits, e.g. 12345-678.',
    money: '{field}: enter an amount in reais, e.g. 450.000,00.',
    area: '{field}: enter the area in m², e.g. 65,40.',
    date: 'Invalid {field}: use dd/mm/yyyy, with a day that exists.',
    phoneForeign: 'Invalid {field}: a number outside Brazil has + country code and up to 15 digits, e.g. +351912345678.',
  },
  incomplete: {
    cpf: 'Incomplete {field}: a CPF has 11 digits.',
    cpfCnpj: 'Incomplete {field}: a CPF has 11 digits and a CNPJ 14.',
    phone: 'Incomplete {field}: enter area code and number, e.g. (11) 98765-4321.',
    phoneIntl: 'Incomplete {field}: enter area code and number, e.g. (11) 98765-4321.',
    mobile: 'Incomplete {field}: enter the area code and the 9 digits of the mobile, e.g. (11) 98765-4321.',
    cep: 'Incomplete {field}: a CEP has 8 digits.',
    money: '{field}: enter an amount in reais, e.g. 450.000,00.',
    area: '{field}: enter the area in m², e.g. 65,40.',
    date: 'Incomplete {field}: use dd/mm/yyyy.',
    phoneForeign: 'Incomplete {field}: for a number outside Brazil, enter + country code and the whole number, e.g. +351912345678.',
  },
  future: '{field} is in the future: enter a date that has passed.',
  dropped: {
    date: '{field}: “{text}” was not taken and the field went back to what it was; type dd/mm/yyyy with a day that exists.',
  },
  datePlaceholder: 'dd/mm/yyyy',
}
