// Numbers, money and dates per locale: the one formatting module the CLI and the dashboard share.
export {
  fillFormula,
  formulaLine,
  makeFormatter,
  type Formatter,
} from '../../../src/format/number-format.js'
