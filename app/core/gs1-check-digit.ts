/**
 * GS1 check digits (GTIN-8/12/13/14, GLN): the last digit makes the weighted sum of all digits,
 * weights 3 and 1 alternating from the right (the check digit weighs 1), a multiple of ten.
 *
 * @example
 * hasValidGs1CheckDigit("4006381333931"); // true (a GTIN-13)
 * hasValidGs1CheckDigit("4006381333932"); // false
 */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const fromRight = digits.length - 1 - i;
    sum += Number(digits[i]) * (fromRight % 2 === 1 ? 3 : 1);
  }
  return sum % 10 === 0;
}
