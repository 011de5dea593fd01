/**
 * One shared password for the demo users, printed at first start. Demo users skip the second
 * factor (with a warning); no real account may take it (checkPasswordPolicy), and on a database
 * without demo data whoever signs in with it must change it first (signIn).
 */
export const DEMO_PASSWORD = 'Shouhu-demo-2022';
