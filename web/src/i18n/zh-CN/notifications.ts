/** The notification bell and the inbox. */
export default {
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
}
