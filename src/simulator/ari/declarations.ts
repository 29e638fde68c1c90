import { model, op, type ResourceDeclaration, type SwaggerModels } from './swagger-dsl.js';

/** The simulator's own API declarations: only what it implements, and every event type it sends. */

const channelModels: SwaggerModels = {
  CallerID: model('CallerID', 'Caller identification', 'name:string!, number:string!'),
  DialplanCEP: model('DialplanCEP', 'Dialplan location', 'context:string!, exten:string!, priority:long!, app_name:string!, app_data:string!'),
  Channel: model(
    'Channel',
    'A specific communication connection between Asterisk and an Endpoint.',
    'id:string!, name:string!, state:string!, protocol_id:string!, caller:CallerID!, connected:CallerID!, accountcode:string!, dialplan:DialplanCEP!, creationtime:Date!, language:string!',
  ),
  Variable: model('Variable', 'The value of a channel variable', 'value:string!'),
};

const playbackModels: SwaggerModels = {
  Playback: model('Playback', 'Object representing the playback of media to a channel', 'id:string!, media_uri:string!, next_media_uri:string, target_uri:string!, language:string, state:string!'),
};

const bridgeModels: SwaggerModels = {
  Bridge: model(
    'Bridge',
    'The merging of media from one or more channels.',
    'id:string!, technology:string!, bridge_type:string!, bridge_class:string!, creator:string!, name:string!, channels:List[string]!, creationtime:Date!, video_mode:string',
  ),
};

const eventTypes: Array<[string, string]> = [
  ['ApplicationReplaced', ''],
  ['ChannelCreated', 'channel:Channel!'],
  ['ChannelDestroyed', 'cause:int!, cause_txt:string!, channel:Channel!'],
  ['ChannelStateChange', 'channel:Channel!'],
  ['ChannelDtmfReceived', 'digit:string!, duration_ms:int!, channel:Channel!'],
  ['ChannelHangupRequest', 'cause:int, soft:boolean, channel:Channel!'],
  ['ChannelVarset', 'variable:string!, value:string!, channel:Channel'],
  ['ChannelDialplan', 'channel:Channel!, dialplan_app:string!, dialplan_app_data:string!'],
  ['StasisStart', 'args:List[string]!, channel:Channel!'],
  ['StasisEnd', 'channel:Channel!'],
  ['PlaybackStarted', 'playback:Playback!'],
  ['PlaybackContinuing', 'playback:Playback!'],
  ['PlaybackFinished', 'playback:Playback!'],
  ['BridgeCreated', 'bridge:Bridge!'],
  ['BridgeDestroyed', 'bridge:Bridge!'],
  ['ChannelEnteredBridge', 'bridge:Bridge!, channel:Channel'],
  ['ChannelLeftBridge', 'bridge:Bridge!, channel:Channel!'],
  // Asterisk 20.14/21.9/22.4+: the answer to a RESTRequest sent on the events WebSocket (events.json).
  ['RESTResponse', 'transaction_id:string!, request_id:string!, status_code:int!, reason_phrase:string!, uri:string!, content_type:string, message_body:string'],
];

const eventModels: SwaggerModels = {
  Message: model('Message', 'Base type for errors and events', 'type:string!, asterisk_id:string'),
  Event: model('Event', 'Base type for asynchronous events from Asterisk.', 'application:string!, timestamp:Date!'),
  ...Object.fromEntries(eventTypes.map(([type, props]) => [type, model(type, `${type} event`, props)])),
};

export const EVENT_TYPES: readonly string[] = eventTypes.map(([type]) => type);

export const RESOURCES: ResourceDeclaration[] = [
  {
    name: 'asterisk',
    description: 'Asterisk resources',
    models: { AsteriskInfo: model('AsteriskInfo', 'Asterisk system information', 'build:object, system:object, config:object, status:object') },
    apis: [
      { path: '/asterisk/info', description: 'Asterisk system information', operations: [op('GET', 'getInfo', 'AsteriskInfo', 'System information', ['only:query[]'])] },
      { path: '/asterisk/ping', description: 'Asterisk ping', operations: [op('GET', 'ping', 'AsteriskPing', 'Response pong message')] },
      {
        path: '/asterisk/variable',
        description: 'Global variables',
        operations: [
          op('GET', 'getGlobalVar', 'Variable', 'Get a global variable', ['variable:query!']),
          op('POST', 'setGlobalVar', 'void', 'Set a global variable', ['variable:query!', 'value:query']),
        ],
      },
    ],
  },
  {
    name: 'channels',
    description: 'Channel resources',
    models: channelModels,
    apis: [
      {
        path: '/channels',
        description: 'Active channels',
        operations: [
          op('GET', 'list', 'List[Channel]', 'List all active channels'),
          op('POST', 'originate', 'Channel', 'Create a new channel', ['endpoint:query!', 'extension:query', 'context:query', 'priority:query=long', 'app:query', 'appArgs:query', 'callerId:query', 'timeout:query=int', 'channelId:query']),
        ],
      },
      {
        path: '/channels/{channelId}',
        description: 'Active channel',
        operations: [
          op('GET', 'get', 'Channel', 'Channel details', ['channelId:path!']),
          op('DELETE', 'hangup', 'void', 'Delete (i.e. hangup) a channel', ['channelId:path!', 'reason_code:query', 'reason:query']),
        ],
      },
      { path: '/channels/{channelId}/continue', description: 'Exit application; continue execution in the dialplan', operations: [op('POST', 'continueInDialplan', 'void', 'Exit application', ['channelId:path!', 'context:query', 'extension:query', 'priority:query=int', 'label:query'])] },
      { path: '/channels/{channelId}/answer', description: 'Answer a channel', operations: [op('POST', 'answer', 'void', 'Answer a channel', ['channelId:path!'])] },
      { path: '/channels/{channelId}/dtmf', description: 'Send DTMF to a channel', operations: [op('POST', 'sendDTMF', 'void', 'Send provided DTMF to a given channel', ['channelId:path!', 'dtmf:query', 'before:query=int', 'between:query=int', 'duration:query=int', 'after:query=int'])] },
      { path: '/channels/{channelId}/play', description: 'Play media to a channel', operations: [op('POST', 'play', 'Playback', 'Start playback of media', ['channelId:path!', 'media:query[]!', 'lang:query', 'offsetms:query=int', 'skipms:query=int', 'playbackId:query'])] },
      { path: '/channels/{channelId}/play/{playbackId}', description: 'Play media to a channel', operations: [op('POST', 'playWithId', 'Playback', 'Start playback of media and specify the playbackId', ['channelId:path!', 'playbackId:path!', 'media:query[]!', 'lang:query', 'offsetms:query=int', 'skipms:query=int'])] },
      {
        path: '/channels/{channelId}/variable',
        description: 'Variables on a channel',
        operations: [
          op('GET', 'getChannelVar', 'Variable', 'Get the value of a channel variable or function', ['channelId:path!', 'variable:query!']),
          op('POST', 'setChannelVar', 'void', 'Set the value of a channel variable or function', ['channelId:path!', 'variable:query!', 'value:query']),
        ],
      },
    ],
  },
  {
    name: 'bridges',
    description: 'Bridge resources',
    models: bridgeModels,
    apis: [
      {
        path: '/bridges',
        description: 'Active bridges',
        operations: [op('GET', 'list', 'List[Bridge]', 'List all active bridges in Asterisk.'), op('POST', 'create', 'Bridge', 'Create a new bridge.', ['type:query', 'bridgeId:query', 'name:query'])],
      },
      {
        path: '/bridges/{bridgeId}',
        description: 'Individual bridge',
        operations: [
          op('POST', 'createWithId', 'Bridge', 'Create a new bridge or update an existing one.', ['type:query', 'bridgeId:path!', 'name:query']),
          op('GET', 'get', 'Bridge', 'Get bridge details.', ['bridgeId:path!']),
          op('DELETE', 'destroy', 'void', 'Shut down a bridge.', ['bridgeId:path!']),
        ],
      },
      { path: '/bridges/{bridgeId}/addChannel', description: 'Add a channel to a bridge', operations: [op('POST', 'addChannel', 'void', 'Add a channel to a bridge.', ['bridgeId:path!', 'channel:query[]!', 'role:query'])] },
      { path: '/bridges/{bridgeId}/removeChannel', description: 'Remove a channel from a bridge', operations: [op('POST', 'removeChannel', 'void', 'Remove a channel from a bridge.', ['bridgeId:path!', 'channel:query[]!'])] },
    ],
  },
  {
    name: 'playbacks',
    description: 'Playback control resources',
    models: playbackModels,
    apis: [
      {
        path: '/playbacks/{playbackId}',
        description: 'Control object for a playback operation',
        operations: [op('GET', 'get', 'Playback', 'Get a playback', ['playbackId:path!']), op('DELETE', 'stop', 'void', 'Stop a playback', ['playbackId:path!'])],
      },
      { path: '/playbacks/{playbackId}/control', description: 'Control a playback', operations: [op('POST', 'control', 'void', 'Control a playback', ['playbackId:path!', 'operation:query!'])] },
    ],
  },
  {
    name: 'events',
    description: 'WebSocket resource',
    models: eventModels,
    apis: [{ path: '/events', description: 'Events from Asterisk to applications', operations: [op('GET', 'eventWebsocket', 'Message', 'WebSocket connection for events', ['app:query[]!', 'subscribeAll:query=boolean'])] }],
  },
  {
    name: 'applications',
    description: 'Stasis application resources',
    models: { Application: model('Application', 'Details of a Stasis application', 'name:string!, channel_ids:List[string]!, bridge_ids:List[string]!, endpoint_ids:List[string]!, device_names:List[string]!, events_allowed:List[object]!, events_disallowed:List[object]!') },
    apis: [
      { path: '/applications', description: 'Stasis applications', operations: [op('GET', 'list', 'List[Application]', 'List all applications')] },
      { path: '/applications/{applicationName}', description: 'Stasis application', operations: [op('GET', 'get', 'Application', 'Get details of an application', ['applicationName:path!'])] },
      {
        path: '/applications/{applicationName}/eventFilter',
        description: 'Stasis application',
        operations: [op('PUT', 'filter', 'Application', 'Filter application events types', ['applicationName:path!', 'filter:body=object'])],
      },
    ],
  },
];
