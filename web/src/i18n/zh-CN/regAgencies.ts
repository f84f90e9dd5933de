/** 服务与人才 · 服务机构 (issue 21). */
export default {
  regAgencies: {
    menu: {
      agencies: '服务机构',
      inspections: '双随机抽查',
    },
  },
}
