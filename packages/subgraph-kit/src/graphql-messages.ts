/**
 * graphql-js and Apollo Server raise their own parse, validation and request errors in English
 * before any resolver runs. Citizens read them too, so each is said in Spanish here, keeping what
 * the client needs to fix it: the names it wrote, the position (in `locations`) and the "did you
 * mean" hints. Messages are matched on graphql-js 16 and Apollo Server 4/5 wording; one that no
 * rule knows gets a general Spanish message for its code rather than the English text.
 */
type Rule = [RegExp, (...groups: string[]) => string];

const SYNTAX_TOKENS: Rule[] = [
  [/^<EOF>$/, () => 'el final de la operación'],
  [/^Name "(.*)"$/, (name) => `el nombre "${name}"`],
  [/^Name$/, () => 'un nombre'],
  [/^(?:Block)?String "(.*)"$/s, (text) => `el texto "${text}"`],
  [/^(?:Int|Float) "(.*)"$/, (number) => `el número ${number}`],
];

const SYNTAX: Rule[] = [
  [
    /^Expected (.+), found (.+)\.$/s,
    (expected, found) => `se esperaba ${token(expected!)} y se encontró ${token(found!)}.`,
  ],
  [/^Unexpected character: (.+)\.$/s, (char) => `carácter inesperado: ${char}.`],
  [/^Unexpected single quote character .*$/s, () => 'los textos van entre comillas dobles ("), no simples.'],
  [/^Unexpected (.+)\.$/s, (found) => `no se esperaba ${token(found!)}.`],
  [/^Unterminated string\.$/, () => 'falta la comilla de cierre de un texto.'],
  [/^Invalid number.*$/s, () => 'número mal escrito.'],
  [/^Document contains more than (\d+) tokens.*$/s, (n) => `la operación tiene más de ${n} elementos.`],
];

const RULES: Rule[] = [
  // Apollo Server's prefix for errors thrown while building the request context (auth, rate limit).
  [/^Context creation failed: (.*)$/s, (rest) => translateGraphQLMessage(rest!)],
  [
    /^Syntax Error: (.*)$/s,
    (detail) => `Error de sintaxis: ${say(SYNTAX, detail!) ?? 'la operación está mal escrita.'}`,
  ],
  [
    /^Variable "\$\w+" got invalid value .*? at "(?:\w+\.)?([^"]+)"; (.*)$/s,
    (field, rest) => `Campo "${field}": ${translateGraphQLMessage(rest!)}`,
  ],
  [
    /^Variable "\$(\w+)" got invalid value .*?; (.*)$/s,
    (name, rest) => `La variable "${name}": ${translateGraphQLMessage(rest!)}`,
  ],
  // A custom scalar's own (Spanish) message, behind graphql-js's English preamble.
  [/^Expected type "[^"]+"\. (.+)$/s, (rest) => translateGraphQLMessage(rest!)],
  [
    /^Expected value of type "([^"]+)", found (.+?)(?:; (.*)|\.)?$/s,
    (type, value, reason) =>
      reason
        ? translateGraphQLMessage(reason)
        : `se esperaba un valor de tipo "${type}" y se recibió ${value}.`,
  ],
  [
    /^Value "([^"]*)" does not exist in "(\w+)" enum\.?$/s,
    (value, type) => `el valor "${value}" no es una opción válida de "${type}".`,
  ],
  [
    /^Enum "(\w+)" cannot represent non-enum value: (.*?)\.?$/s,
    (type, value) => `el valor ${value} no es una opción válida de "${type}".`,
  ],
  [
    /^Field "(\w+)" of required type "([^"]+)" was not provided\.$/,
    (field) => `falta el campo obligatorio "${field}".`,
  ],
  [
    /^Field "(\w+\.\w+)" of required type "([^"]+)" was not provided\.$/,
    (field, type) => `Falta el campo obligatorio "${field}" (de tipo "${type}").`,
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
    /^Field "(\w+)" is not defined by type "(\w+)"\.?$/s,
    (field, type) => `el campo "${field}" no existe en "${type}".`,
  ],
  // Validation of the operation against the schema.
  [
    /^Cannot query field "(\w+)" on type "(\w+)"\.$/,
    (field, type) => `El campo "${field}" no existe en el tipo "${type}".`,
  ],
  [
    /^Unknown argument "(\w+)" on field "([\w.]+)"\.$/,
    (arg, field) => `El campo "${field}" no tiene el argumento "${arg}".`,
  ],
  [
    /^Unknown argument "(\w+)" on directive "(@\w+)"\.$/,
    (arg, directive) => `La directiva "${directive}" no tiene el argumento "${arg}".`,
  ],
  [
    /^Field "(\w+)" argument "(\w+)" of type "([^"]+)" is required, but it was not provided\.$/,
    (field, arg, type) => `Falta el argumento obligatorio "${arg}" (de tipo "${type}") del campo "${field}".`,
  ],
  [
    /^Directive "(@\w+)" argument "(\w+)" of type "([^"]+)" is required, but it was not provided\.$/,
    (directive, arg) => `Falta el argumento obligatorio "${arg}" de la directiva "${directive}".`,
  ],
  [
    /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields\.$/,
    (field, type) =>
      `El campo "${field}" (de tipo "${type}") necesita que se elijan sus subcampos entre llaves.`,
  ],
  [
    /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields\.$/,
    (field, type) => `El campo "${field}" es de tipo "${type}", que no tiene subcampos: quite las llaves.`,
  ],
  [/^Unknown type "(\w+)"\.$/, (type) => `El tipo "${type}" no existe.`],
  [/^Unknown fragment "(\w+)"\.$/, (name) => `El fragmento "${name}" no está definido.`],
  [/^Fragment "(\w+)" is never used\.$/, (name) => `El fragmento "${name}" no se usa: quítelo.`],
  [
    /^Cannot spread fragment "(\w+)" within itself.*$/s,
    (name) => `El fragmento "${name}" no puede incluirse a sí mismo.`,
  ],
  [
    /^Fragment (?:"(\w+)" )?cannot be spread here as objects of type "(\w+)" can never be of type "(\w+)"\.$/,
    (_, parent, fragment) =>
      `Aquí no cabe un fragmento sobre "${fragment}": los objetos de tipo "${parent}" nunca lo son.`,
  ],
  [
    /^Fragment (?:"\w+" )?cannot condition on non composite type "([^"]+)"\.$/,
    (type) => `Un fragmento no puede aplicarse al tipo "${type}", que no tiene campos.`,
  ],
  [/^Unknown directive "(@\w+)"\.$/, (name) => `La directiva "${name}" no existe.`],
  [
    /^Directive "(@\w+)" may not be used on (\w+)\.$/,
    (name, location) => `La directiva "${name}" no puede usarse en "${location}".`,
  ],
  [
    /^The directive "(@\w+)" can only be used once at this location\.$/,
    (name) => `La directiva "${name}" solo puede usarse una vez en este lugar.`,
  ],
  [
    /^Variable "\$(\w+)" is never used(?: in operation "(\w+)")?\.$/,
    (name) => `La variable "${name}" no se usa: quítela.`,
  ],
  [
    /^Variable "\$(\w+)" is not defined(?: by operation "(\w+)")?\.$/,
    (name) => `La variable "${name}" no está declarada en la operación.`,
  ],
  [
    /^Variable "\$(\w+)" of type "([^"]+)" used in position expecting type "([^"]+)"\.$/,
    (name, given, expected) =>
      `La variable "${name}" es de tipo "${given}", pero aquí se espera "${expected}".`,
  ],
  [
    /^Variable "\$(\w+)" cannot be non-input type "([^"]+)"\.$/,
    (name, type) => `La variable "${name}" no puede ser de tipo "${type}": no es un tipo de entrada.`,
  ],
  [
    /^There can be only one (variable|operation|fragment|argument|input field|directive) named "\$?@?(\w+)"\.$/,
    (kind, name) => `Solo puede haber ${ONE[kind!]} llamado "${name}".`,
  ],
  [
    /^This anonymous operation must be the only defined operation\.$/,
    () => 'Una operación sin nombre debe ser la única del documento: póngales nombre a todas.',
  ],
  [
    /^Fields "(\w+)" conflict because .*$/s,
    (name) =>
      `Hay dos campos con el nombre de respuesta "${name}" que piden cosas distintas: use alias distintos.`,
  ],
  [/^Anonymous Subscription .*$|^Subscription "\w+" must .*$/s, () => 'Esta API no ofrece suscripciones.'],
  [
    /^OneOf Input Object "(\w+)" must specify exactly one key\.$/,
    (type) => `"${type}" admite exactamente un campo.`,
  ],
  // Choosing the operation to run.
  [
    /^Must provide operation name if query contains multiple operations\.$/,
    () => 'El documento tiene varias operaciones: indique cuál ejecutar en "operationName".',
  ],
  [/^Unknown operation named "(\w+)"\.$/, (name) => `El documento no tiene una operación llamada "${name}".`],
  [
    /^GraphQL introspection is not allowed.*$/s,
    () => 'La introspección del esquema no está disponible en producción.',
  ],
  // Apollo Server's checks of the HTTP request.
  [
    /^(?:GraphQL operations must contain a non-empty `query`.*|POST body missing.*|No operations found in request\.)$/s,
    () => 'La solicitud no trae ninguna operación: envíe {"query": "..."}.',
  ],
  [/^GraphQL queries must be strings.*$/s, () => 'El campo "query" debe ser un texto con la operación.'],
  [
    /^`(variables|extensions|operationName)` in a POST body (?:must be|should be provided as) (an object|a string).*$/s,
    (field, kind) => `El campo "${field}" debe ser ${kind === 'a string' ? 'un texto' : 'un objeto JSON'}.`,
  ],
  [
    /^This operation has been blocked as a potential Cross-Site Request Forgery.*$/s,
    () =>
      'Solicitud bloqueada como posible falsificación entre sitios (CSRF): envíe el encabezado `content-type: application/json` o `apollo-require-preflight`.',
  ],
  [
    /^GET requests only support query operations, not (\w+) operations$/,
    (kind) =>
      `Por GET solo se pueden hacer consultas; envíe ${kind === 'mutation' ? 'la mutación' : 'la operación'} por POST.`,
  ],
  [/^Operation batching disabled\.$/, () => 'Envíe una sola operación por solicitud.'],
];

const ONE: Record<string, string> = {
  variable: 'una variable',
  operation: 'una operación',
  fragment: 'un fragmento',
  argument: 'un argumento',
  'input field': 'un campo',
  directive: 'una directiva',
};

/** What a client reads when graphql-js or Apollo said something no rule above knows. */
const GENERAL: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: 'Error de sintaxis: la operación está mal escrita.',
  GRAPHQL_VALIDATION_FAILED: 'La operación no es válida para el esquema de la API.',
  BAD_REQUEST: 'La solicitud no es válida.',
  OPERATION_RESOLUTION_FAILURE: 'No se pudo determinar qué operación ejecutar.',
  BAD_USER_INPUT: 'Un valor de entrada no es válido.',
};

function say(rules: Rule[], message: string): string | undefined {
  for (const [pattern, render] of rules) {
    const match = pattern.exec(message);
    if (match) return render(...match.slice(1));
  }
  return undefined;
}

const token = (description: string) => say(SYNTAX_TOKENS, description) ?? description;

/** ` Did you mean "a", "b", or "c"?` and its variants, as graphql-js appends them. */
const HINT = /\s*Did you mean (?:(the enum value )|(to use an inline fragment on ))?(.+)\?$/s;

function translateHint(enumValue: string | undefined, inlineFragment: string | undefined, options: string) {
  const list = options.replace(/,? or /g, ' o ');
  if (inlineFragment) return `¿Quiso decir usar un fragmento en línea sobre ${list}?`;
  return `¿Quiso decir ${enumValue ? 'el valor ' : ''}${list}?`;
}

/** The Spanish for a message of graphql-js or Apollo; other messages (already Spanish) pass. */
export function translateGraphQLMessage(message: string): string {
  const hint = HINT.exec(message);
  const base = hint ? message.slice(0, hint.index).replace(/;$/, '.') : message;
  const said = say(RULES, base) ?? base;
  return hint ? `${said} ${translateHint(hint[1], hint[2], hint[3]!)}` : said;
}

/**
 * For errors of graphql-js or Apollo (by their code): the Spanish message, or a general one for the
 * code when the wording is unknown (an upgrade changed it), so no English reaches a citizen.
 */
export function translateFrameworkMessage(message: string, code: string): string {
  const said = translateGraphQLMessage(message);
  return said === message && GENERAL[code] && !looksSpanish(message) ? GENERAL[code]! : said;
}

/** Our own messages are Spanish and carry its letters or words; graphql-js's never do. */
const looksSpanish = (message: string) =>
  /[áéíóúñ¿]|\b(?:el|la|los|las|debe|campo|valor|no es)\b/i.test(message);

/** The input field a graphql-js variable error is about (`input.startDate` → `startDate`). */
export function fieldOfGraphQLMessage(message: string): string | undefined {
  return /^Variable "\$\w+" got invalid value .*? at "(?:\w+\.)?([^"]+)"/s.exec(message)?.[1];
}
