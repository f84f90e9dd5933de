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
    publicSearch: 'Search public IP data without signing in',
    complaint: 'File a complaint (no sign-in)',
    complaintStatus: 'Complaint status',
    disclosures: 'Case disclosure',
    typicalCases: 'Typical cases',
    footer: 'IP bureau · one platform for creating, using, protecting, managing and serving IP',
  },
}

export default en
