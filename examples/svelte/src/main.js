import {mount} from 'svelte';
// Registers <parley-comments> and its parts before the app mounts, so Svelte sees the
// elements' properties and sets `adapter` and `strings` as properties.
import 'parley-comments/define.js';
import App from './App.svelte';

mount(App, {target: document.getElementById('app')});
