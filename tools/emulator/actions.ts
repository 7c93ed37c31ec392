/** What every IAM and STS action handler receives and returns. */
import { Principal } from './model';
import { IamState } from './state';
import { XmlValue } from './xml';

/** One authenticated call, as an action handler sees it. */
export interface ActionContext {
  state: IamState;
  principal: Principal;
  params: URLSearchParams;
  /** The region from the request's credential scope. */
  region: string;
  /** How long a key made now stays unusable (IAM's eventual consistency). */
  consistencyDelayMs: number;
}

/** The members of the action's Result element, or undefined for actions that return none. */
export type ActionResult = { [name: string]: XmlValue } | undefined;

/** Handles one action. */
export type ActionHandler = (context: ActionContext) => ActionResult;
