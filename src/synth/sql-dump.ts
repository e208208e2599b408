import type { Cell } from '../core/types.js';
import type { ColumnType, Table } from './table.js';

/**
 * SQL dumps as mysqldump and pg_dump write them, comments and session settings included,
 * since samples are often posted as the dump file itself.
 */

const NUMERIC = /^-?\d+(\.\d+)?$/;

const MYSQL_TYPES: Readonly<Record<ColumnType, string>> = {
  text: 'varchar(255)',
  integer: 'bigint',
  decimal: 'decimal(12,2)',
  date: 'date',
  timestamp: 'datetime',
  'object-id': 'char(24)',
};

const POSTGRES_TYPES: Readonly<Record<ColumnType, string>> = {
  text: 'text',
  integer: 'bigint',
  decimal: 'numeric(12,2)',
  date: 'date',
  timestamp: 'timestamp without time zone',
  'object-id': 'character(24)',
};

const MYSQL_SPECIAL = /[\0'"\\\n\r\x1a]/;
const MYSQL_SPECIALS = /[\0'"\\\n\r\x1a]/g;
const MYSQL_ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\\0',
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\x1a': '\\Z',
};

/** A MySQL string literal with mysql_real_escape_string's escapes: \0 \' \" \\ \n \r \Z. */
export function mysqlLiteral(value: Cell, type: ColumnType | undefined): string {
  if (value === null) return 'NULL';
  if ((type === 'integer' || type === 'decimal') && NUMERIC.test(value)) return value;
  const escaped = MYSQL_SPECIAL.test(value)
    ? value.replace(MYSQL_SPECIALS, (ch) => MYSQL_ESCAPES[ch]!)
    : value;
  return `'${escaped}'`;
}

const backtick = (name: string) => `\`${name.replace(/`/g, '``')}\``;

export function* renderMysqlDump(
  table: Table,
  rowsPerInsert: number,
  columnNames: boolean,
): Generator<string> {
  const name = backtick(table.name);
  const types = table.columns.map((c) => table.types?.[c]);
  yield '-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: shop\n';
  yield '-- ------------------------------------------------------\n-- Server version\t8.0.36\n\n';
  yield '/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n/*!50503 SET NAMES utf8mb4 */;\n';
  yield "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n\n";
  yield `--\n-- Table structure for table ${name}\n--\n\nDROP TABLE IF EXISTS ${name};\n`;
  yield `CREATE TABLE ${name} (\n`;
  yield table.columns
    .map((c, i) => `  ${backtick(c)} ${MYSQL_TYPES[types[i] ?? 'text']} DEFAULT NULL`)
    .join(',\n');
  yield '\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;\n\n';
  yield `--\n-- Dumping data for table ${name}\n--\n\nLOCK TABLES ${name} WRITE;\n`;
  yield `/*!40000 ALTER TABLE ${name} DISABLE KEYS */;\n`;
  const head = `INSERT INTO ${name} ${columnNames ? `(${table.columns.map(backtick).join(', ')}) ` : ''}VALUES `;
  let inStatement = 0;
  for (const row of table.rows) {
    const tuple = `(${row.map((v, i) => mysqlLiteral(v, types[i])).join(',')})`;
    yield inStatement === 0 ? head + tuple : `,${tuple}`;
    inStatement++;
    if (inStatement === rowsPerInsert) {
      yield ';\n';
      inStatement = 0;
    }
  }
  if (inStatement > 0) yield ';\n';
  yield `/*!40000 ALTER TABLE ${name} ENABLE KEYS */;\nUNLOCK TABLES;\n`;
  yield '/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n\n-- Dump completed on 2025-07-01 03:12:44\n';
}

/** A value in COPY text format: `\N` for NULL; backslash, tab, newline and carriage return escaped. */
export function copyValue(value: Cell): string {
  if (value === null) return '\\N';
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (ch) =>
    ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r',
  );
}

/** An identifier as pg_dump prints it: bare when lower-case simple, else double-quoted. */
export function pgIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export function* renderPostgresDump(table: Table): Generator<string> {
  const name = `public.${pgIdentifier(table.name)}`;
  yield '--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 15.6\n-- Dumped by pg_dump version 15.6\n\n';
  yield "SET statement_timeout = 0;\nSET lock_timeout = 0;\nSET client_encoding = 'UTF8';\n";
  yield 'SET standard_conforming_strings = on;\nSET check_function_bodies = false;\nSET client_min_messages = warning;\n\n';
  yield `--\n-- Name: ${table.name}; Type: TABLE; Schema: public; Owner: shop\n--\n\n`;
  yield `CREATE TABLE ${name} (\n`;
  yield table.columns
    .map((c) => `    ${pgIdentifier(c)} ${POSTGRES_TYPES[table.types?.[c] ?? 'text']}`)
    .join(',\n');
  yield `\n);\n\n\nALTER TABLE ${name} OWNER TO shop;\n\n`;
  yield `--\n-- Data for Name: ${table.name}; Type: TABLE DATA; Schema: public; Owner: shop\n--\n\n`;
  yield `COPY ${name} (${table.columns.map(pgIdentifier).join(', ')}) FROM stdin;\n`;
  for (const row of table.rows) yield `${row.map(copyValue).join('\t')}\n`;
  yield '\\.\n\n\n--\n-- PostgreSQL database dump complete\n--\n\n';
}
