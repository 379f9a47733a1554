/** Shared by the forms (browser) and the server: 8 to 256 characters. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
