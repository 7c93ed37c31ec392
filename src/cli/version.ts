/**
 * The tool's version, from package.json: the esbuild bundle inlines it, so `aws-key-guard --version`
 * and SARIF's `tool.driver.version` always name the release that was built.
 */
import { version } from '../../package.json';

export const TOOL_VERSION: string = version;
