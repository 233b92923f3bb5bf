/** The months as English writes them in full, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const ABBREVIATIONS = MONTH_NAMES.map((name) => name.slice(0, 3).toLowerCase());

/** The month (1-12) a name or its abbreviation stands for, by its first three letters ("Sept." is 9); 0 for none. */
export const monthNumber = (name: string) => ABBREVIATIONS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
