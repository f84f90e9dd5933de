/** Transactions · Pledge financing (issue 22). */
export default {
  txPledges: {
    menu: {
      pledges: 'Pledge financing',
    },
  },
}
