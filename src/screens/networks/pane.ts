// The networks pane: every network with its subnet, gateway and attached containers; create,
// remove (never the engine's own), connect and disconnect a container, prune, inspect.
import type { NetworkSummary } from '../../docker/networks.js';
import { cell } from '../../render/cells.js';
import { itemsOf, listOf, type ResourceSpec } from '../../state/resources.js';
import { DataTable } from '../../widgets/data-table.js';
import type { ScreenContext } from '../context.js';
import { CONTAINERS } from '../containers/resource.js';
import { markedItems, runBulk } from '../bulk.js';
import { clickRowOf, cursorHandlers, markHandlers } from '../cursor.js';
import { openInspectView } from '../inspect-view.js';
import type { Handlers, Pane, PaneDef, Shell } from '../view.js';
import { listFilter } from '../list-filter.js';
import { connectFlow, createNetworkFlow, disconnectFlow, networkInspectSource, protectedReason, pruneNetworksFlow, removeNetworkFlow } from './actions.js';
import { NETWORK_ACTIONS } from './keys.js';
import { NETWORKS } from './resource.js';
import { networkTable } from './table.js';

function createNetworksPane(ctx: ScreenContext, shell: Shell): Pane {
  const table = new DataTable({ parent: ctx.host.screen, label: 'networks', theme: ctx.host.theme, top: 1, height: '100%-2', emptyText: 'Loading…' });
  const filter = listFilter(shell, 'networks');
  let asked = false;
  let pending: string | undefined;
  const selected = (): NetworkSummary | undefined => itemsOf(ctx.store.snapshot, NETWORKS).find((n) => n.id === table.selected);
  const withNetwork = (fn: (n: NetworkSummary) => unknown) => () => {
    const n = selected();
    if (n) fn(n);
  };

  const handlers: Handlers<typeof NETWORK_ACTIONS, 'networks'> = {
    ...cursorHandlers(table, 'networks'),
    'networks.filter': filter.start,
    'networks.inspect': withNetwork((n) => shell.push(openInspectView(ctx, shell, networkInspectSource(ctx, n)))),
    'networks.create': async () => {
      const id = await createNetworkFlow(ctx);
      if (id) pending = id;
    },
    ...markHandlers(table, 'networks', (text, level) => ctx.store.say(text, level)),
    'networks.remove': () => {
      const items = markedItems(table, (id) => {
        const n = itemsOf(ctx.store.snapshot, NETWORKS).find((x) => x.id === id);
        return n ? { id: n.id, name: n.name } : undefined;
      });
      if (!items.length) return (withNetwork((n) => removeNetworkFlow(ctx, n)))();
      return runBulk(ctx, { verb: 'remove', past: 'removed', noun: 'network', items, run: (i) => ctx.engine.removeNetwork(i.id), refresh: ['networks'] }).then((done) => {
        for (const id of done) table.toggleMark(id);
      });
    },
    'networks.connect': withNetwork((n) => connectFlow(ctx, n)),
    'networks.disconnect': withNetwork((n) => disconnectFlow(ctx, n)),
    'networks.prune': () => pruneNetworksFlow(ctx),
  };

  return {
    box: table.box,
    handlers,
    clickRow: clickRowOf(table),
    actionContext() {
      const n = selected();
      const why = protectedReason(n);
      return { hasSelection: !!n, marked: table.marked.length, ...(why ? { protectedReason: why } : {}) };
    },
    selectedFields: () => {
      const n = selected();
      return n && { ID: n.id, Name: n.name };
    },
    footer: () => (table.marked.length ? [cell(`${table.marked.length} marked`, 'warn')] : []),
    setFocused: (f) => table.setFocused(f),
    draw(snap, now) {
      const list = listOf(snap, NETWORKS);
      if (list.loaded) table.keepMarksIn(list.items, (n) => n.id);
      // Listed only once shown: a session that never looks costs the engine nothing.
      if (!list.loaded && !table.box.hidden && !asked) {
        asked = true;
        ctx.refresh(NETWORKS.kind);
      }
      table.setModel(networkTable(list.items, itemsOf(snap, CONTAINERS), { now, ...(filter.value ? { filter: filter.value } : {}) }));
      if (pending && table.select(pending)) pending = undefined;
      table.setLabel(`networks${filter.note}`);
      table.setEmptyText(!list.loaded ? 'Loading…' : filter.empty('No networks.'));
      table.draw();
    },
    reset() {
      asked = false;
    },
    reveal(id) {
      pending = id;
    },
    close() {},
  };
}

export const networksPane: PaneDef<typeof NETWORK_ACTIONS> = {
  id: 'networks',
  title: 'networks',
  scope: 'networks',
  slot: 'side',
  actions: NETWORK_ACTIONS,
  resource: NETWORKS as ResourceSpec<unknown>,
  create: createNetworksPane,
};
