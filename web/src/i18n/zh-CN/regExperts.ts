/** 服务与人才 · 专家库 (issue 21). */
export default {
  regExperts: {
    menu: {
      experts: '专家库',
      talent: '人才',
      training: '培训活动',
    },
  },
}
