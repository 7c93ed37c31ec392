import * as vscode from 'vscode';

/** The self-service policy of the README ("IAM permissions for self-service rotation"). */
export const SELF_SERVICE_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ManageOwnAccessKeys',
      Effect: 'Allow',
      Action: ['iam:GetUser', 'iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed', 'iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:DeleteAccessKey', 'iam:ListMFADevices'],
      Resource: 'arn:aws:iam::*:user/${aws:username}',
    },
  ],
};

/**
 * Opens the policy a user needs to manage their own keys in an untitled JSON editor: what an
 * administrator attaches after an AccessDenied (retrying cannot help there).
 */
export async function showRequiredPermissions(): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(SELF_SERVICE_POLICY, null, 2) + '\n' });
  return vscode.window.showTextDocument(document, { preview: true });
}
