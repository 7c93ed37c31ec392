import * as vscode from 'vscode';
import type { Log } from '../log';
import type { LocalKeyProfile, ProfilesFeature } from './api';
import { ProfilesTreeProvider } from './profilesView';

/** Registers the Profiles view and its commands; returns the feature's contract for other features. */
export function registerProfiles(context: vscode.ExtensionContext, _log: Log): ProfilesFeature {
  const tree = new ProfilesTreeProvider();
  context.subscriptions.push(tree, vscode.window.registerTreeDataProvider('awsKeyGuard.profiles', tree));
  return {
    refresh: () => tree.refresh(),
    profilesWithKey: async (): Promise<LocalKeyProfile[]> => [],
    keyProfiles: async (): Promise<LocalKeyProfile[]> => [],
  };
}
