/** Replies in the shapes catalog.data.gov (CKAN action API) and the api.data.gov gateway document. */

export const EV_DATASET = {
  id: '2a1e6c4b-5b6f-4f0e-9a6e-4a8f2d7c9b11',
  name: 'electric-vehicle-population-data',
  title: 'Electric Vehicle Population Data',
  notes:
    'This dataset shows the Battery Electric Vehicles (BEVs) and Plug-in Hybrid Electric Vehicles (PHEVs) that are currently registered through Washington State Department of Licensing (DOL).',
  organization: { name: 'state-of-washington', title: 'State of Washington' },
  metadata_modified: '2024-01-02T03:04:05.678901',
  resources: [
    {
      name: 'Comma Separated Values File',
      format: 'CSV',
      url: 'https://data.wa.gov/api/views/f6w7-q2d2/rows.csv?accessType=DOWNLOAD',
    },
    {
      name: 'JSON',
      format: 'JSON',
      url: 'https://data.wa.gov/api/views/f6w7-q2d2/rows.json?accessType=DOWNLOAD',
    },
  ],
};

export const SEARCH_REPLY = {
  help: 'https://catalog.data.gov/api/3/action/help_show?name=package_search',
  success: true,
  result: {
    count: 1234,
    sort: 'score desc, metadata_modified desc',
    facets: {},
    results: [EV_DATASET],
    search_facets: {},
  },
};

export const SHOW_REPLY = {
  help: 'https://catalog.data.gov/api/3/action/help_show?name=package_show',
  success: true,
  result: EV_DATASET,
};

export const NOT_FOUND_REPLY = {
  help: 'https://catalog.data.gov/api/3/action/help_show?name=package_show',
  success: false,
  error: { __type: 'Not Found Error', message: 'Not found' },
};

export const VALIDATION_REPLY = {
  help: 'https://catalog.data.gov/api/3/action/help_show?name=package_search',
  success: false,
  error: { __type: 'Validation Error', rows: ['Must be less than or equal to 1000'] },
};

export const OVER_RATE_LIMIT_REPLY = {
  error: {
    code: 'OVER_RATE_LIMIT',
    message:
      'You have exceeded your rate limit. Try again later or contact us at https://api.data.gov/contact/ for assistance',
  },
};

export const API_KEY_INVALID_REPLY = {
  error: {
    code: 'API_KEY_INVALID',
    message: 'An invalid api_key was supplied. Get one at https://api.data.gov:443',
  },
};
