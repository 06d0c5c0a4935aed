import { sql } from 'drizzle-orm';
import { integer, text } from 'drizzle-orm/sqlite-core';

// Every mutable row carries these: `version` for optimistic concurrency (a stale write gets
// 409), timestamps as ISO-8601 UTC text.
export const versioned = {
  version: integer('version').notNull().default(1),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};

export const yesNo = (name: string) => integer(name, { mode: 'boolean' }).notNull().default(false);
