/** Transactions · Marketplace (issue 22). */
export default {
  txMarket: {
    menu: {
      market: 'Marketplace',
    },
  },
}
