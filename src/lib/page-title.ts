/** "Fees and insurance | Pure Progression Music Therapy"; the home page uses the name alone. */
export function pageTitle(title: string | undefined, practiceName: string): string {
  return title && title !== practiceName ? `${title} | ${practiceName}` : practiceName;
}
