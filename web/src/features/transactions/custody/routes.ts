import type { RouteRecordRaw } from 'vue-router'

/** 运用 · 托管与年费 (issue 22): contracts, the renewal calendar, the watch list; a contract's form and page. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'transactions/custody',
    name: 'transactions.custody',
    component: () => import('./CustodyView.vue'),
    meta: { access: 'transactions.custody', title: 'txCustody.menu.custody' },
  },
  {
    path: 'transactions/custody/calendar',
    name: 'transactions.custody.calendar',
    component: () => import('./CustodyView.vue'),
    props: { initialTab: 'calendar' },
    meta: { access: 'transactions.custody', title: 'txCustody.tabs.calendar' },
  },
  {
    path: 'transactions/custody/contracts/new',
    name: 'transactions.custody.new',
    component: () => import('./ContractForm.vue'),
    meta: { access: 'transactions.custody', title: 'txCustody.form.title' },
  },
  {
    path: 'transactions/custody/contracts/:id(\\d+)',
    name: 'transactions.custody.contract',
    component: () => import('./ContractView.vue'),
    meta: { access: 'transactions.custody', title: 'txCustody.detail.title' },
  },
]
