/**
 * The only place third-party modules are named. Every npm package is pinned to an exact
 * version through a full `npm:` specifier, so this file resolves the same way from a local
 * checkout and when mod.ts is imported from a URL (no import map needed).
 *
 * @module
 */
export * as E from "npm:fp-ts@2.16.11/lib/Either.js";
export * as A from "npm:fp-ts@2.16.11/lib/ReadonlyArray.js";
export * as O from "npm:fp-ts@2.16.11/lib/Option.js";
export * as TE from "npm:fp-ts@2.16.11/lib/TaskEither.js";
export { flow, pipe } from "npm:fp-ts@2.16.11/lib/function.js";
export type { Either } from "npm:fp-ts@2.16.11/lib/Either.js";
export type { TaskEither } from "npm:fp-ts@2.16.11/lib/TaskEither.js";
export * as t from "npm:io-ts@2.2.22";
export { PathReporter } from "npm:io-ts@2.2.22/lib/PathReporter.js";
