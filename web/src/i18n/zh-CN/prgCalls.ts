/** 申报评审 · 项目、批次与申报（issue 23）. */
export default {
  prgCalls: {
    menu: {
      calls: '申报与形式审查',
    },
  },
}
