/** Transactions · Custody and renewals (issue 22). */
export default {
  txCustody: {
    menu: {
      custody: 'Custody and renewals',
    },
  },
}
