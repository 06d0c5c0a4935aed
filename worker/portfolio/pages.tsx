import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const portfolioPages = new Hono<AppEnv>();
