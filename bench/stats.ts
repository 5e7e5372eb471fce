/** What the benchmarks share: an inquiry as the form's script posts it, order statistics, number formats. */

/** Obviously fictional, as every fixture; `message` is replaced per inquiry. */
export const INQUIRY = {
  name: 'Bench Visitor',
  email: 'bench@example.com',
  phone: '(801) 555-0123',
  contactMethod: 'email',
  role: 'family',
  ageGroup: 'child',
  setting: 'in-home',
  message: 'We would like to hear about sessions.',
  consent: 'yes',
};

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** 0.043 ms, 4.3 ms, 4,321 ms. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value < 1 ? `${value.toFixed(3)} ms` : value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en-US')} ms`;
}

export const int = (value: number): string => Math.round(value).toLocaleString('en-US');
export const kb = (bytes: number): string => `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} KB`;

/** Runs `task` on each item, at most `concurrency` at a time. */
export async function pool<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
