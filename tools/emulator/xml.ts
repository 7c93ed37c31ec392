/**
 * AWS Query protocol responses: `<{Action}Response><{Action}Result>…</{Action}Result>
 * <ResponseMetadata><RequestId>…` and `<ErrorResponse><Error>…`. Values become elements in
 * insertion order; arrays become `<member>` lists; dates become ISO 8601 without milliseconds,
 * the way IAM and STS write them.
 */
import { AwsError } from './errors';

/** A value that can be written as an XML element body. Undefined members are left out. */
export type XmlValue = string | number | boolean | Date | undefined | XmlValue[] | { [name: string]: XmlValue };

/** Escapes text for element content. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** ISO 8601 in UTC without fractional seconds, as AWS's Query APIs print timestamps. */
export function awsTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function body(value: XmlValue): string {
  if (value instanceof Date) return escapeXml(awsTimestamp(value));
  if (Array.isArray(value)) return value.map((item) => element('member', item)).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([name, child]) => element(name, child))
      .join('');
  }
  return escapeXml(String(value));
}

/** One element with its body; an undefined value writes nothing, so optional members stay absent. */
export function element(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  return `<${name}>${body(value)}</${name}>`;
}

/**
 * A successful response. `result` undefined writes no Result element, which is how AWS answers
 * actions without output (UpdateAccessKey, DeleteAccessKey).
 */
export function actionResponse(action: string, namespace: string, requestId: string, result?: { [name: string]: XmlValue }): string {
  const resultXml = result === undefined ? '' : element(`${action}Result`, result);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}">` +
    resultXml +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>\n`
  );
}

/** AWS's error document for the Query protocol. */
export function errorResponse(error: AwsError, namespace: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${namespace}">` +
    element('Error', { Type: error.type, Code: error.code, Message: error.message }) +
    `<RequestId>${requestId}</RequestId></ErrorResponse>\n`
  );
}
