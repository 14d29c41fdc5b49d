export { resultRowSchema, resultRowColumns, type ResultRow } from '../contracts/result-row.js'
