import { expect, test } from 'vitest';
import { exampleValueReport } from '../../../src/integrations/example-values.ts';

test('the project lists every example value and every note still to confirm', async () => {
  const lines = await exampleValueReport();
  expect(lines).toEqual(
    expect.arrayContaining([
      'src/content/settings.json: "phone" is still an example value',
      'src/content/settings.json: "email" is still an example value',
      'src/content/settings.json: "studioAddress" is still an example value',
      expect.stringMatching(/^src\/content\/pages\/fees\.md: to confirm: .*Good Faith Estimate/),
    ]),
  );
});
