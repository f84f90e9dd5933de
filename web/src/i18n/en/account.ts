import type zh from '../zh-CN/account'

/** Account security: one's own password and second factor (TOTP). */
const en: typeof zh = {
  account: {
    title: 'Account security',
    enrolRequired: 'Two-factor authentication is required',
    enrolRequiredDetail:
      'Government accounts must turn on two-factor authentication (verification codes) before they can use the platform. Scan the QR code under "Two-factor authentication" below with an authenticator app on your phone, turn it on, then sign in again.',
    password: {
      title: 'Change password',
      current: 'Current password',
      new: 'New password',
      confirm: 'Confirm new password',
      submit: 'Change password',
      rule: 'At least {min} characters with letters and digits, not containing your user name, and not a common password.',
      tooShort: 'The new password needs at least {min} characters',
      lettersAndDigits: 'The new password needs both letters and digits',
      containsUsername: 'The new password must not contain your user name',
      sameAsCurrent: 'The new password must differ from the current one',
      mismatch: 'The two new passwords differ',
      changed: 'Password changed. Your account has been signed out on every other device.',
    },
    mail: {
      title: 'E-mail notifications',
      intro:
        'When on, the in-app notifications to you or your unit (deadline reminders, decisions …) are also sent to your e-mail address; in-app notifications are not affected.',
      address: 'E-mail',
      noAddress: 'none recorded',
      receive: 'Receive e-mail notifications',
      on: 'E-mail notifications on',
      off: 'E-mail notifications off',
      noServer: 'The platform has no mail server configured yet; only in-app notifications are sent.',
      askAdmin: 'No e-mail address is recorded for your account; ask the administrator to add one.',
    },
    totp: {
      title: 'Two-factor authentication (verification codes)',
      intro:
        'Once it is on, signing in needs the 6-digit code of an authenticator app on your phone (such as Microsoft Authenticator, Google Authenticator or FreeOTP) as well as your password.',
      status: 'Status',
      enabled: 'On',
      disabled: 'Off',
      setup: 'Set up',
      setupAgain: 'New secret key',
      scan: '1. Scan the QR code with your authenticator app, or type in the secret key below if it cannot scan (time-based, 30 seconds).',
      qrAlt: 'QR code for two-factor authentication',
      secret: 'Secret key',
      enter: '2. Enter the 6-digit code the app shows to turn it on.',
      code: 'Verification code',
      codeRequired: 'Enter the verification code',
      codeInvalid: 'The verification code has 6 digits',
      enable: 'Turn on',
      cancel: 'Cancel',
      enabledNow: 'Two-factor authentication is on',
      recoveryTitle: 'Recovery codes (shown only this once)',
      recoveryWarning:
        'Save these 10 recovery codes somewhere safe now (copy or download them). If your phone is lost or unusable, each code signs you in once instead of a verification code. You cannot see them again after leaving this page.',
      copy: 'Copy',
      download: 'Download',
      copied: 'Recovery codes copied',
      copyFailed: 'The clipboard is not available: select and copy the codes yourself, or download them',
      fileName: 'zhichan-recovery-codes-{username}.txt',
      fileHeader: 'Zhichan IP platform: two-factor recovery codes of the account {username}',
      fileNote: 'Each recovery code works once. Keep them safe and share them with nobody.',
      signInAgain: 'I have saved the codes: sign in again',
      signInAgainNote: 'Turning it on ended this session: sign in again with your password and a verification code.',
      disableTitle: 'Turn off two-factor authentication',
      disablePassword: 'Current password',
      disablePasswordRequired: 'Enter your current password to turn it off',
      disable: 'Turn off',
      disabledNow: 'Two-factor authentication is off',
    },
  },
}

export default en
