/** The two contents the crash test alternates: different lengths, CRLF and a BOM, fake keys only. */
const block = (id: string, n: number) =>
  Array.from({ length: n }, (_, i) => `[profile${i}]\r\naws_access_key_id = ${id}\r\naws_secret_access_key = ${'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'}\r\n# padding ${'x'.repeat(60)}\r\n`).join('\r\n');

export const CRASH_OLD = '\uFEFF' + block('AKIAIOSFODNN7EXAMPLE', 40);
export const CRASH_NEW = '\uFEFF' + block('AKIAI44QH8DHBEXAMPLE', 55);
