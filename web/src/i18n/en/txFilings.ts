/** Transactions · Licence and assignment filings (issue 22). */
export default {
  txFilings: {
    menu: {
      filings: 'Licence and assignment filings',
    },
  },
}
