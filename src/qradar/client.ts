import * as addresses from './endpoints/addresses.js';
import * as ariel from './endpoints/ariel.js';
import * as assets from './endpoints/assets.js';
import * as offenses from './endpoints/offenses.js';
import type { Page } from './endpoints/paging.js';
import * as referenceSets from './endpoints/reference-sets.js';
import * as system from './endpoints/system.js';
import {
  defaultSleep,
  type QRadarClientOptions,
  type RequestOptions,
} from './options.js';
import {
  runSearch,
  waitForSearch,
  type RunSearchOptions,
  type SearchResult,
  type SearchRunner,
} from './run-search.js';
import type { ArielColumn, ArielSearch } from './schemas/ariel.js';
import type { Asset } from './schemas/asset.js';
import type {
  ClosingReason,
  LocalDestinationAddress,
  Note,
  Offense,
  OffenseType,
  SourceAddress,
} from './schemas/offense.js';
import type {
  ReferenceDataTask,
  ReferenceSet,
} from './schemas/reference-data.js';
import type { ApiVersion, Rule, SystemAbout } from './schemas/system.js';
import { QRadarTransport } from './transport.js';

/**
 * Typed client of the QRadar REST API. Every method accepts an AbortSignal
 * and throws the QRadarError family. Reads are retried on 429, 502, 503, 504
 * and dropped connections, but writes only where repeating them is harmless.
 */
export class QRadarClient {
  readonly #transport: QRadarTransport;
  readonly #runner: SearchRunner;

  constructor(options: QRadarClientOptions) {
    this.#transport = new QRadarTransport(options);
    this.#runner = {
      transport: this.#transport,
      clock: options.clock ?? Date.now,
      sleep: options.sleep ?? defaultSleep,
      logger: options.logger,
    };
  }

  /** Origin of the console, e.g. `https://qradar.example.com`. */
  get origin(): string {
    return this.#transport.origin;
  }

  /** Returns the `Version` header in use, negotiating it on first call. */
  apiVersion(options?: RequestOptions): Promise<string> {
    return this.#transport.apiVersion(options);
  }

  /** Closes the connection pool. */
  close(): Promise<void> {
    return this.#transport.close();
  }

  /** Lists offenses; see ListOffensesOptions for filter, sort, fields and range. */
  listOffenses(options?: offenses.ListOffensesOptions): Promise<Page<Offense>> {
    return offenses.listOffenses(this.#transport, options);
  }

  /** Reads one offense; throws QRadarNotFoundError for an unknown id. */
  getOffense(
    offenseId: number,
    options?: offenses.GetOffenseOptions,
  ): Promise<Offense> {
    return offenses.getOffense(this.#transport, offenseId, options);
  }

  /** Changes status, closing reason, assignee or flags of an offense; never retried. */
  updateOffense(
    offenseId: number,
    update: offenses.OffenseUpdate,
    options?: RequestOptions,
  ): Promise<Offense> {
    return offenses.updateOffense(this.#transport, offenseId, update, options);
  }

  /** Lists the notes of an offense. */
  listNotes(
    offenseId: number,
    options?: offenses.ListNotesOptions,
  ): Promise<Page<Note>> {
    return offenses.listNotes(this.#transport, offenseId, options);
  }

  /** Adds a note to an offense; never retried, so it is never written twice. */
  addNote(
    offenseId: number,
    text: string,
    options?: RequestOptions,
  ): Promise<Note> {
    return offenses.addNote(this.#transport, offenseId, text, options);
  }

  /** Lists the closing reasons. */
  listClosingReasons(
    options?: offenses.ListClosingReasonsOptions,
  ): Promise<ClosingReason[]> {
    return offenses.listClosingReasons(this.#transport, options);
  }

  /** Looks up offense types by id, or lists all of them. */
  listOffenseTypes(
    ids?: readonly number[],
    options?: RequestOptions,
  ): Promise<OffenseType[]> {
    return offenses.listOffenseTypes(this.#transport, ids, options);
  }

  /** Resolves source address ids, 100 per request. */
  getSourceAddresses(
    ids: readonly number[],
    options?: addresses.AddressLookupOptions,
  ): Promise<SourceAddress[]> {
    return addresses.getSourceAddresses(this.#transport, ids, options);
  }

  /** Finds source address records by IP. */
  getSourceAddressesByIp(
    ips: readonly string[],
    options?: addresses.AddressLookupOptions,
  ): Promise<SourceAddress[]> {
    return addresses.getSourceAddressesByIp(this.#transport, ips, options);
  }

  /** Resolves local destination address ids, 100 per request. */
  getLocalDestinationAddresses(
    ids: readonly number[],
    options?: addresses.AddressLookupOptions,
  ): Promise<LocalDestinationAddress[]> {
    return addresses.getLocalDestinationAddresses(
      this.#transport,
      ids,
      options,
    );
  }

  /** Finds local destination address records by IP. */
  getLocalDestinationAddressesByIp(
    ips: readonly string[],
    options?: addresses.AddressLookupOptions,
  ): Promise<LocalDestinationAddress[]> {
    return addresses.getLocalDestinationAddressesByIp(
      this.#transport,
      ips,
      options,
    );
  }

  /** Looks up analytics rules by id. */
  getRules(
    ids: readonly number[],
    options?: system.GetRulesOptions,
  ): Promise<Rule[]> {
    return system.getRules(this.#transport, ids, options);
  }

  /** Maps rule ids to names. */
  getRuleNames(
    ids: readonly number[],
    options?: RequestOptions,
  ): Promise<Map<number, string>> {
    return system.getRuleNames(this.#transport, ids, options);
  }

  /** Finds assets by interface IP. */
  getAssetsByIps(
    ips: readonly string[],
    options?: assets.AssetLookupOptions,
  ): Promise<Asset[]> {
    return assets.getAssetsByIps(this.#transport, ips, options);
  }

  /** Finds assets by host name. */
  getAssetsByHostnames(
    hostnames: readonly string[],
    options?: assets.AssetLookupOptions,
  ): Promise<Asset[]> {
    return assets.getAssetsByHostnames(this.#transport, hostnames, options);
  }

  /** Reads one asset; throws QRadarNotFoundError for an unknown id. */
  getAsset(
    assetId: number,
    options?: assets.AssetLookupOptions,
  ): Promise<Asset> {
    return assets.getAsset(this.#transport, assetId, options);
  }

  /** Starts an Ariel search; never retried. */
  createSearch(query: string, options?: RequestOptions): Promise<ArielSearch> {
    return ariel.createSearch(this.#transport, query, options);
  }

  /** Reads an Ariel search's status. */
  getSearch(
    searchId: string,
    options?: ariel.GetSearchOptions,
  ): Promise<ArielSearch> {
    return ariel.getSearch(this.#transport, searchId, options);
  }

  /** Reads one page of a completed search's rows. */
  getSearchResults(
    searchId: string,
    options?: ariel.GetSearchResultsOptions,
  ): Promise<ariel.ArielResultPage> {
    return ariel.getSearchResults(this.#transport, searchId, options);
  }

  /** Cancels and discards an Ariel search (DELETE). */
  cancelSearch(
    searchId: string,
    options?: RequestOptions,
  ): Promise<ArielSearch | undefined> {
    return ariel.cancelSearch(this.#transport, searchId, options);
  }

  /** Lists Ariel search ids. */
  listSearches(options?: RequestOptions): Promise<string[]> {
    return ariel.listSearches(this.#transport, options);
  }

  /** Lists Ariel databases. */
  listDatabases(options?: RequestOptions): Promise<string[]> {
    return ariel.listDatabases(this.#transport, options);
  }

  /** Lists the columns of an Ariel database. */
  getDatabaseColumns(
    database: string,
    options?: RequestOptions,
  ): Promise<ArielColumn[]> {
    return ariel.getDatabaseColumns(this.#transport, database, options);
  }

  /** Runs AQL to completion; cancels the search on abort, deadline or failure. */
  runSearch(query: string, options?: RunSearchOptions): Promise<SearchResult> {
    return runSearch(this.#runner, query, options);
  }

  /** Waits for an existing search and returns its rows; never cancels it. */
  waitForSearch(
    searchId: string,
    options?: RunSearchOptions,
  ): Promise<SearchResult> {
    return waitForSearch(this.#runner, searchId, options);
  }

  /** Lists reference-set metadata; part of the policy's ReferenceDataReader. */
  listReferenceSets(
    options?: referenceSets.ListReferenceSetsOptions,
  ): Promise<referenceSets.ReferenceSetSummary[]> {
    return referenceSets.listReferenceSets(this.#transport, options);
  }

  /** Reads a reference set with one page of elements. */
  getReferenceSet(
    name: string,
    options?: referenceSets.GetReferenceSetOptions,
  ): Promise<ReferenceSet> {
    return referenceSets.getReferenceSet(this.#transport, name, options);
  }

  /** Reads every value of a reference set; part of the policy's ReferenceDataReader. */
  getReferenceSetValues(
    name: string,
    options?: RequestOptions,
  ): Promise<string[]> {
    return referenceSets.getReferenceSetValues(this.#transport, name, options);
  }

  /** Creates a reference set. */
  createReferenceSet(
    set: referenceSets.NewReferenceSet,
    options?: RequestOptions,
  ): Promise<ReferenceSet> {
    return referenceSets.createReferenceSet(this.#transport, set, options);
  }

  /** Adds or refreshes a value in a reference set. */
  addReferenceSetElement(
    name: string,
    value: string,
    options?: referenceSets.AddElementOptions,
  ): Promise<ReferenceSet> {
    return referenceSets.addReferenceSetElement(
      this.#transport,
      name,
      value,
      options,
    );
  }

  /** Removes a value from a reference set. */
  deleteReferenceSetElement(
    name: string,
    value: string,
    options?: RequestOptions,
  ): Promise<ReferenceSet> {
    return referenceSets.deleteReferenceSetElement(
      this.#transport,
      name,
      value,
      options,
    );
  }

  /** Deletes a reference set (QRadar runs it as a task). */
  deleteReferenceSet(
    name: string,
    options?: RequestOptions & { purgeOnly?: boolean | undefined },
  ): Promise<ReferenceDataTask> {
    return referenceSets.deleteReferenceSet(this.#transport, name, options);
  }

  /** Lists the API versions the console offers. */
  listApiVersions(options?: RequestOptions): Promise<ApiVersion[]> {
    return system.listApiVersions(this.#transport, options);
  }

  /** Reads the console's release information. */
  getSystemAbout(options?: RequestOptions): Promise<SystemAbout> {
    return system.getSystemAbout(this.#transport, options);
  }
}
