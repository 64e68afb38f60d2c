/**
 * GraphQL's own input errors (bad enum value, missing field, wrong type) are raised by graphql-js in
 * English before any resolver runs. Citizens read them too, so the common ones are said in Spanish.
 */
const RULES: [RegExp, (...groups: string[]) => string][] = [
  // Apollo Server's prefix for errors thrown while building the request context (auth, rate limit).
  [/^Context creation failed: (.*)$/s, (rest) => translateGraphQLMessage(rest!)],
  [
    /^Variable "\$\w+" got invalid value .*? at "(?:\w+\.)?([^"]+)"; (.*)$/s,
    (field, rest) => `Campo "${field}": ${translateGraphQLMessage(rest!)}`,
  ],
  [
    /^Variable "\$(\w+)" got invalid value .*?; (.*)$/s,
    (name, rest) => `Variable "${name}": ${translateGraphQLMessage(rest!)}`,
  ],
  // A custom scalar's own (Spanish) message, behind graphql-js's English preamble.
  [/^Expected type "[^"]+"\. (.+)$/s, (rest) => translateGraphQLMessage(rest!)],
  [
    /^Value "([^"]*)" does not exist in "(\w+)" enum\.?.*$/s,
    (value, type) => `el valor "${value}" no es una opción válida de ${type}.`,
  ],
  [
    /^Enum "(\w+)" cannot represent non-enum value: (.*?)\.?( Did you mean.*)?$/s,
    (type, value) => `el valor ${value} no es una opción válida de ${type}.`,
  ],
  [
    /^Field "(\w+)" of required type "([^"]+)" was not provided\.$/,
    (field) => `falta el campo obligatorio "${field}".`,
  ],
  [
    /^Variable "\$(\w+)" of required type "([^"]+)" was not provided\.$/,
    (name) => `Falta la variable obligatoria "${name}".`,
  ],
  [
    /^Variable "\$(\w+)" of non-null type "([^"]+)" must not be null\.$/,
    (name) => `La variable "${name}" no puede ser nula.`,
  ],
  [/^Expected non-nullable type "([^"]+)" not to be null\.$/, () => 'no puede ser nulo.'],
  [
    /^Int cannot represent non-integer value: (.*)$/,
    (value) => `debe ser un número entero (se recibió ${value}).`,
  ],
  [
    /^Int cannot represent non 32-bit signed integer value: (.*)$/,
    (value) => `el número ${value} es demasiado grande.`,
  ],
  [
    /^Float cannot represent non numeric value: (.*)$/,
    (value) => `debe ser un número (se recibió ${value}).`,
  ],
  [
    /^String cannot represent a non string value: (.*)$/,
    (value) => `debe ser un texto (se recibió ${value}).`,
  ],
  [
    /^Boolean cannot represent a non boolean value: (.*)$/,
    (value) => `debe ser verdadero o falso (se recibió ${value}).`,
  ],
  [/^ID cannot represent value: (.*)$/, (value) => `no es un identificador válido (${value}).`],
  [
    /^Field "(\w+)" is not defined by type "(\w+)"\.?.*$/s,
    (field, type) => `el campo "${field}" no existe en ${type}.`,
  ],
];

export function translateGraphQLMessage(message: string): string {
  for (const [pattern, say] of RULES) {
    const match = pattern.exec(message);
    if (match) return say(...match.slice(1));
  }
  return message;
}

/** The input field a graphql-js variable error is about (`input.startDate` → `startDate`). */
export function fieldOfGraphQLMessage(message: string): string | undefined {
  return /^Variable "\$\w+" got invalid value .*? at "(?:\w+\.)?([^"]+)"/s.exec(message)?.[1];
}
