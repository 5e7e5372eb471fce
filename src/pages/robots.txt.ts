import type { APIRoute } from 'astro';
import { getSiteSettings } from '../lib/site-settings.ts';

/** Allows every crawler and points it at the sitemap on the published address. */
export const GET: APIRoute = async () => {
  const { siteUrl } = await getSiteSettings();
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${siteUrl}/sitemap-index.xml\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};
