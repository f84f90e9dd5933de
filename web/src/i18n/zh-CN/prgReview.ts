/** 申报评审 · 专家抽取与评审（issue 23）. */
export default {
  prgReview: {
    menu: {
      review: '专家评审',
    },
  },
}
