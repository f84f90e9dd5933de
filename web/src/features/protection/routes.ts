import type { FeatureRoutes } from '@/app/routes'
import { i18n } from '@/i18n'

/** Page titles of the protection feature (kept with the feature, merged into the app's messages). */
const titles = {
  protection: {
    complaint: '投诉举报',
    complaintStatus: '投诉进度查询',
    cases: '投诉与案件',
    case: '案件',
    credit: '失信名单',
    disclosures: '案件信息公开',
    publicDisclosures: '案件信息公开',
    stats: '保护指标',
    settings: '快速通道与保护名录',
    typicalCases: '典型案例',
    typicalCase: '典型案例',
    myCredit: '本单位信用信息',
  },
}
i18n.global.mergeLocaleMessage('zh-CN', titles as never)
i18n.global.mergeLocaleMessage('en', {
  protection: {
    complaint: 'File a complaint',
    complaintStatus: 'Complaint status',
    cases: 'Complaints and cases',
    case: 'Case',
    credit: 'Credit list',
    disclosures: 'Case disclosure',
    publicDisclosures: 'Case disclosure',
    stats: 'Protection indicators',
    settings: 'Fast track and protection list',
    typicalCases: 'Typical cases',
    typicalCase: 'Typical case',
    myCredit: 'Our credit record',
  },
} as never)

export default {
  shell: [
    // public: no sign-in (SubmitComplaint, GetComplaintStatus, disclosures)
    {
      path: 'complaint',
      name: 'complaint-form',
      component: () => import('./ComplaintFormView.vue'),
      meta: { public: true, title: 'protection.complaint' },
    },
    {
      path: 'complaint/status',
      name: 'complaint-status',
      component: () => import('./ComplaintStatusView.vue'),
      meta: { public: true, title: 'protection.complaintStatus' },
    },
    {
      path: 'disclosures',
      name: 'public-disclosures',
      component: () => import('./PublicDisclosuresView.vue'),
      meta: { public: true, title: 'protection.publicDisclosures' },
    },
    {
      path: 'typical-cases',
      name: 'typical-cases',
      component: () => import('./TypicalCasesView.vue'),
      meta: { public: true, title: 'protection.typicalCases' },
    },
    {
      path: 'typical-cases/:id(\\d+)',
      name: 'typical-case',
      component: () => import('./TypicalCaseView.vue'),
      meta: { public: true, title: 'protection.typicalCase' },
    },
    // staff queues and case pages
    {
      path: 'protection',
      name: 'protection',
      component: () => import('./CasesView.vue'),
      meta: { access: 'protection', title: 'protection.cases' },
    },
    {
      path: 'protection/cases/:id(\\d+)',
      name: 'protection-case',
      component: () => import('./CaseView.vue'),
      meta: { access: 'protection', title: 'protection.case' },
    },
    {
      path: 'protection/credit',
      name: 'protection-credit',
      component: () => import('./CreditView.vue'),
      meta: { access: 'protection', title: 'protection.credit' },
    },
    {
      path: 'protection/disclosures',
      name: 'protection-disclosures',
      component: () => import('./DisclosuresView.vue'),
      meta: { access: 'protection', title: 'protection.disclosures' },
    },
    {
      path: 'protection/my-credit',
      name: 'protection-my-credit',
      component: () => import('./MyCreditView.vue'),
      meta: { access: 'protection', title: 'protection.myCredit' },
    },
    {
      path: 'protection/settings',
      name: 'protection-settings',
      component: () => import('./SettingsView.vue'),
      meta: { access: 'protection', title: 'protection.settings' },
    },
    {
      path: 'protection/stats',
      name: 'protection-stats',
      component: () => import('./StatsView.vue'),
      meta: { access: 'protection', title: 'protection.stats' },
    },
  ],
} satisfies FeatureRoutes
