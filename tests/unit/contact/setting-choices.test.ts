import { expect, test } from 'vitest';
import { settingChoices } from '../../../src/lib/contact/fields.ts';

test.each([
  [['in-home', 'school', 'virtual', 'studio'], ['in-home', 'school', 'virtual', 'studio', 'not-sure']],
  [['in-home', 'virtual', 'studio'], ['in-home', 'virtual', 'studio', 'not-sure']],
  [[], ['not-sure']],
  [['unknown-id'], ['not-sure']],
])('published locations %j offer %j', (published, offered) => {
  expect(settingChoices(published).map((option) => option.value)).toEqual(offered);
});
