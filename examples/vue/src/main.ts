import {createApp} from 'vue';
// Registers <parley-comments> and its parts before the app mounts, so Vue sees the
// elements' properties and sets `:adapter` and `:strings` as properties.
import 'parley-comments/define.js';
import App from './App.vue';

createApp(App).mount('#app');
