import type { APIRoute } from 'astro';
import regular from '@fontsource/atkinson-hyperlegible-next/latin-400.css?inline';
import bold from '@fontsource/atkinson-hyperlegible-next/latin-700.css?inline';
import site from '../../styles/global.css?inline';

/**
 * The site's own styles (tokens, typography, fonts) for the preview pane of the content manager at
 * /admin/, so a page being edited looks like the site; public/admin/admin.js registers this file.
 */
export const GET: APIRoute = () => new Response(`${regular}\n${bold}\n${site}`, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
