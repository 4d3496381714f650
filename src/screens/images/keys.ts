// The images pane's rows of the action table.
import { action, cursorActions, markActions, needSelection } from '../../keys/action.js';

const scope = 'images';

export const IMAGE_ACTIONS = [
  action({ id: 'focus.images', keys: ['2'], scope: 'global', hint: 'images', description: 'Focus the images pane' }),
  ...cursorActions('images', scope),
  ...markActions('images', scope, 'image'),
  action({ id: 'images.filter', keys: ['/'], scope, hint: 'filter', description: 'Filter by repository, tag or id (clear it from the filter prompt)', footer: true }),
  action({ id: 'images.toggleDangling', keys: ['u'], scope, hint: 'dangling', description: 'Show or hide dangling (untagged) images', footer: true }),
  action({ id: 'images.remove', keys: ['d'], scope, hint: 'rmi', description: 'Remove the selected image or tag (asks first; says which containers use it), or every marked one', changes: true, footer: true, whyNot: needSelection('image') }),
  action({ id: 'images.history', keys: ['h', 'enter'], scope, hint: 'history', description: "Show the selected image's layers (docker history)", footer: true, whyNot: needSelection('image') }),
  action({ id: 'images.build', keys: ['b'], scope, hint: 'build', description: 'Build an image from a directory (context, Dockerfile, tags, build args)', changes: true, footer: true }),
  action({ id: 'images.pull', keys: ['p'], scope, hint: 'pull', description: 'Pull an image by reference, with per-layer progress', changes: true }),
  action({ id: 'images.push', keys: ['P'], scope, hint: 'push', description: 'Push the selected tag to its registry', changes: true, whyNot: needSelection('image') }),
  action({ id: 'images.tag', keys: ['t'], scope, hint: 'tag', description: 'Add a tag to the selected image', changes: true, whyNot: needSelection('image') }),
  action({ id: 'images.run', keys: ['r'], scope, hint: 'run', description: 'Run a container from the selected image (name, command, env, ports, volumes, restart policy)', changes: true, footer: true, whyNot: needSelection('image') }),
  action({ id: 'images.prune', keys: ['x'], scope, hint: 'prune', description: 'Remove dangling images, or every unused one (lists them and the space each frees first; berth.keep=true is kept)', changes: true }),
  action({ id: 'images.pruneCache', keys: ['X'], scope, hint: 'prune build cache', description: "Remove the unused build cache with the engine's build prune (lists the records and their sizes first)", changes: true }),
] as const;
