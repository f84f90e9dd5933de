import type zh from '../zh-CN/notifications'

/** The notification bell and the inbox. */
const en: typeof zh = {
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
}

export default en
