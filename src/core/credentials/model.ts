/**
 * The model of a shared credentials or config file: the original text split into lines with their
 * exact endings, each line classified the way the AWS SDK for JavaScript reads it, the sections,
 * and the profiles they define. Offsets are UTF-16 offsets into `CredentialsDocument.text`.
 */

/** Which of the two shared files a document or profile comes from. */
export type CredentialsFileKind = 'credentials' | 'config';

/** How a line reads to the SDK. */
export type LineKind =
  | 'blank'
  | 'comment'
  | 'section'
  /** `key = value` inside a section the SDK reads. */
  | 'property'
  /** An indented line without `=`: the AWS CLI appends it to the previous value, the SDK ignores it. */
  | 'continuation'
  /** A line inside a section that is neither a property nor a comment: the SDK ignores it. */
  | 'unparseable'
  /** Content before the first section or under a section the SDK ignores. */
  | 'outside';

/** A `key = value` line. */
export interface PropertyLine {
  /** The key as written (case kept). */
  readonly key: string;
  /** The key as the SDK stores it: `parent.key` for nested settings, else `key`. */
  readonly fullKey: string;
  /** Set for nested settings (`s3 =` followed by indented `key = value` lines). */
  readonly parent?: string;
  /** The value as the SDK reads it (trimmed, inline comment removed). */
  readonly value: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  /** Offset of the `=`. */
  readonly equalsAt: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** End of the part before an inline comment (trailing spaces included). */
  readonly contentEnd: number;
}

/** One line of the file, with its exact line ending. */
export interface DocumentLine {
  /** 1-based line number. */
  readonly number: number;
  readonly start: number;
  /** Offset just after the content, before the line ending. */
  readonly end: number;
  /** The line ending; the SDK breaks lines only at LF and CRLF, so a lone CR stays in the content. */
  readonly eol: '' | '\n' | '\r\n';
  readonly kind: LineKind;
  /** Leading whitespace. */
  readonly indent: string;
  /** Index into `CredentialsDocument.sections` for lines at or below a section header. */
  readonly section?: number;
  readonly property?: PropertyLine;
}

/** What a section header declares. */
export type SectionType = 'profile' | 'sso-session' | 'services' | 'ignored';

/** One `[...]` header and the lines below it up to the next header. */
export interface IniSection {
  readonly index: number;
  /** 1-based line numbers of the header and of the last line before the next header. */
  readonly headerLine: number;
  readonly lastLine: number;
  /** Text between the brackets, exactly as the SDK takes it (inner spaces kept). */
  readonly rawName: string;
  /** The key the SDK files this section under (`profile.x`, `default`, ...); undefined when ignored. */
  readonly sdkKey?: string;
  readonly type: SectionType;
  /** Profile, sso-session or services name; the raw name for ignored sections. */
  readonly name: string;
}

/** What a profile authenticates with. */
export type ProfileKind = 'static' | 'role' | 'sso' | 'process' | 'other';

/** Places where the file means different things to different readers, or is easy to misread. */
export type AmbiguityCode =
  | 'duplicate-section'
  | 'duplicate-key'
  | 'uppercase-key'
  | 'inline-comment'
  | 'continuation-line'
  | 'indented-key'
  | 'unparseable-line'
  | 'outside-section'
  | 'ignored-section'
  | 'section-name'
  | 'default-and-profile-default'
  | 'lone-carriage-return'
  | 'byte-order-mark'
  | 'empty-value';

/** One flagged place: which line and why; the message never quotes a value. */
export interface Ambiguity {
  readonly code: AmbiguityCode;
  /** 1-based line number. */
  readonly line: number;
  readonly message: string;
  /** Profile (or section) name the ambiguity belongs to, when it belongs to one. */
  readonly profile?: string;
}

/** Where a profile's lines are. */
export interface ProfileSource {
  readonly file: CredentialsFileKind;
  readonly path: string;
  /** Header line and last line of each section that defines the profile (several when duplicated). */
  readonly spans: ReadonlyArray<{ readonly headerLine: number; readonly lastLine: number }>;
}

/** A profile as one file defines it. */
export interface Profile {
  readonly name: string;
  readonly file: CredentialsFileKind;
  readonly path: string;
  /** The sections that define this profile, in file order (more than one when duplicated). */
  readonly sections: readonly IniSection[];
  readonly firstLine: number;
  readonly lastLine: number;
  readonly kind: ProfileKind;
  /** Keys and values exactly as the SDK resolves them (last occurrence wins, keys case-sensitive). */
  readonly properties: Readonly<Record<string, string>>;
  readonly hasSessionToken: boolean;
  readonly ambiguities: readonly Ambiguity[];
}

/** A parsed credentials or config file. */
export interface CredentialsDocument {
  readonly path: string;
  readonly kind: CredentialsFileKind;
  /** The whole text, BOM included, byte-for-byte what is on disk once UTF-8 encoded. */
  readonly text: string;
  /** SHA-256 (hex) of the bytes read; null when the file did not exist. */
  readonly hash: string | null;
  readonly exists: boolean;
  readonly hasBom: boolean;
  readonly lines: readonly DocumentLine[];
  readonly sections: readonly IniSection[];
  readonly profiles: readonly Profile[];
  /** sso-session and services sections of the config file, with their SDK-resolved values. */
  readonly otherSections: ReadonlyArray<{ readonly section: IniSection; readonly properties: Readonly<Record<string, string>> }>;
  readonly ambiguities: readonly Ambiguity[];
}
