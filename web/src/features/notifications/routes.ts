import type { FeatureRoutes } from '@/app/routes'
import { i18n } from '@/i18n'

/** Texts of the notification bell and inbox (kept with the feature, merged into the app's messages). */
i18n.global.mergeLocaleMessage('zh-CN', {
  notifications: {
    title: '站内通知',
    bell: '通知',
    unreadOnly: '只看未读',
    markAll: '全部标为已读',
    viewAll: '查看全部通知',
    empty: '暂无通知',
    read: '已读',
    unread: '未读',
    open: '查看',
    marked: '已全部标为已读',
    colTitle: '标题',
    colBody: '内容',
    colTime: '时间',
  },
} as never)
i18n.global.mergeLocaleMessage('en', {
  notifications: {
    title: 'Notifications',
    bell: 'Notifications',
    unreadOnly: 'Unread only',
    markAll: 'Mark all as read',
    viewAll: 'All notifications',
    empty: 'No notifications',
    read: 'Read',
    unread: 'Unread',
    open: 'Open',
    marked: 'All marked as read',
    colTitle: 'Title',
    colBody: 'Message',
    colTime: 'Time',
  },
} as never)

export default {
  shell: [
    {
      path: 'notifications',
      name: 'notifications',
      component: () => import('./NotificationsView.vue'),
      meta: { access: 'home', title: 'notifications.title' },
    },
  ],
} satisfies FeatureRoutes
