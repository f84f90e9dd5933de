/** 申报评审 · 公示、异议、决定与拨付（issue 23）. */
export default {
  prgOutcomes: {
    menu: {
      outcomes: '公示、决定与拨付',
    },
  },
}
