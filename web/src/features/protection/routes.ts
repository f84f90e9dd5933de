import type { FeatureRoutes } from '@/app/routes'

/** 保护: the public complaint, status, disclosure and typical case pages, and the pages of cases, credit list and settings. */
export default {
  shell: [
    // public: no sign-in (SubmitComplaint, GetComplaintStatus, disclosures)
    {
      path: 'complaint',
      name: 'complaint-form',
      component: () => import('./ComplaintFormView.vue'),
      meta: { public: true, title: 'protection.titles.complaint' },
    },
    {
      path: 'complaint/status',
      name: 'complaint-status',
      component: () => import('./ComplaintStatusView.vue'),
      meta: { public: true, title: 'protection.titles.complaintStatus' },
    },
    {
      path: 'disclosures',
      name: 'public-disclosures',
      component: () => import('./PublicDisclosuresView.vue'),
      meta: { public: true, title: 'protection.titles.publicDisclosures' },
    },
    {
      path: 'typical-cases',
      name: 'typical-cases',
      component: () => import('./TypicalCasesView.vue'),
      meta: { public: true, title: 'protection.titles.typicalCases' },
    },
    {
      path: 'typical-cases/:id(\\d+)',
      name: 'typical-case',
      component: () => import('./TypicalCaseView.vue'),
      meta: { public: true, title: 'protection.titles.typicalCase' },
    },
    // staff queues and case pages
    {
      path: 'protection',
      name: 'protection',
      component: () => import('./CasesView.vue'),
      meta: { access: 'protection', title: 'protection.titles.cases' },
    },
    {
      path: 'protection/cases/:id(\\d+)',
      name: 'protection-case',
      component: () => import('./CaseView.vue'),
      meta: { access: 'protection', title: 'protection.titles.case' },
    },
    {
      path: 'protection/credit',
      name: 'protection-credit',
      component: () => import('./CreditView.vue'),
      meta: { access: 'protection.manage', title: 'protection.titles.credit' },
    },
    {
      path: 'protection/disclosures',
      name: 'protection-disclosures',
      component: () => import('./DisclosuresView.vue'),
      meta: { access: 'protection.manage', title: 'protection.titles.disclosures' },
    },
    {
      path: 'protection/my-credit',
      name: 'protection-my-credit',
      component: () => import('./MyCreditView.vue'),
      meta: { access: 'protection', title: 'protection.titles.myCredit' },
    },
    {
      path: 'protection/settings',
      name: 'protection-settings',
      component: () => import('./SettingsView.vue'),
      meta: { access: 'protection.manage', title: 'protection.titles.settings' },
    },
    {
      path: 'protection/stats',
      name: 'protection-stats',
      component: () => import('./StatsView.vue'),
      meta: { access: 'protection', title: 'protection.titles.stats' },
    },
  ],
} satisfies FeatureRoutes
