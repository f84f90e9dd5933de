import type zh from '../zh-CN/auth'

/** The login page. */
const en: typeof zh = {
  login: {
    title: 'Sign in',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    usernameRequired: 'Enter your user name',
    passwordRequired: 'Enter your password',
    wrong: 'Wrong user name or password',
    code: 'Verification code',
    codePlaceholder: '6 digits, or a recovery code XXXXX-XXXXX',
    codeRequired: 'Enter the verification code or a recovery code',
    codeInvalid: 'Enter the 6-digit code of your authenticator app, or a recovery code like XXXXX-XXXXX',
    codePrompt:
      'This account uses two-factor authentication: enter the 6-digit code shown by your authenticator app. Without your phone, enter one of your recovery codes (each works once).',
    wrongCode: 'Wrong verification code or recovery code',
    signingInAs: 'Signing in as {username}',
    otherAccount: 'Use another account',
    verify: 'Verify',
    secondFactorEnabled:
      'Two-factor authentication is on and your previous session has ended. Sign in again with the code from your authenticator app.',
    publicSearch: 'Search public IP data without signing in',
    complaint: 'File a complaint (no sign-in)',
    complaintStatus: 'Complaint status',
    disclosures: 'Case disclosure',
    typicalCases: 'Typical cases',
    footer: 'IP bureau · one platform for creating, using, protecting, managing and serving IP',
  },
}

export default en
