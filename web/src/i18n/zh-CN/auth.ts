/** The login page. */
export default {
  login: {
    title: '用户登录',
    username: '用户名',
    password: '密码',
    submit: '登 录',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    wrong: '用户名或密码错误',
    publicSearch: '无需登录，检索公开知识产权数据',
    complaint: '投诉举报（无需登录）',
    complaintStatus: '投诉进度查询',
    disclosures: '案件信息公开',
    typicalCases: '典型案例',
    footer: '知识产权局 · 创造、运用、保护、管理、服务全链条工作平台',
  },
}
